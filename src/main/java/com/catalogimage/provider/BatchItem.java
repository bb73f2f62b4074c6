package com.catalogimage.provider;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One request of a batch.
 *
 * @param key the caller's key for it: the provider echoes it on the result line, and results are matched by it alone
 * (never by order). Unique within a batch.
 * @param request what to generate, exactly as for a synchronous call
 */
public record BatchItem(String key, ImageRequest request) {

	public BatchItem {
		if (key.isEmpty()) {
			throw new IllegalArgumentException("a batch item needs a key");
		}
	}

	/**
	 * The one model of a batch's items.
	 *
	 * @throws IllegalArgumentException when there are none, their models differ or a key repeats
	 */
	public static String modelOf(List<BatchItem> items) {
		if (items.isEmpty()) {
			throw new IllegalArgumentException("a batch needs at least one item");
		}
		String model = items.get(0).request().model();
		Set<String> keys = new HashSet<>();
		for (BatchItem item : items) {
			if (!item.request().model().equals(model)) {
				throw new IllegalArgumentException("a batch is for one model: " + model + " and " + item.request().model());
			}
			if (!keys.add(item.key())) {
				throw new IllegalArgumentException("duplicate batch key " + item.key());
			}
		}
		return model;
	}

}
