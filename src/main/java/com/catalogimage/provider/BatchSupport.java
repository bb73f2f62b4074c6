package com.catalogimage.provider;

/**
 * Whether a provider's Batch API takes a model.
 *
 * @param supported whether it does
 * @param reason why not, in words for the console; empty when supported
 */
public record BatchSupport(boolean supported, String reason) {

	public static BatchSupport yes() {
		return new BatchSupport(true, "");
	}

	public static BatchSupport no(String reason) {
		return new BatchSupport(false, reason);
	}

}
