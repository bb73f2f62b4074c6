package com.catalogimage.catalog;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads a catalog the way the stage step does (same validation, prompts and fingerprints) but keeps nothing: it
 * counts what a run would generate and what is already up to date, by size, without any API call.
 */
public final class CatalogEstimator {

	private static final int BATCH = 500;

	/**
	 * @param toGenerateBySize products a run would generate, per image size
	 */
	public record Estimate(long products, long rejected, long upToDate, Map<String, Long> toGenerateBySize) {

		public long toGenerate() {
			return this.toGenerateBySize.values().stream().mapToLong(Long::longValue).sum();
		}

	}

	private final ProductFingerprinter fingerprinter;

	private final PromptTemplate promptTemplate;

	private final String defaultSize;

	private final String defaultAspectRatio;

	private final Function<Map<String, String>, Set<String>> current;

	/**
	 * @param current of the given SKU-to-fingerprint pairs, those whose image is current (the manifest's check)
	 */
	public CatalogEstimator(ProductFingerprinter fingerprinter, PromptTemplate promptTemplate, String defaultSize,
			String defaultAspectRatio, Function<Map<String, String>, Set<String>> current) {
		this.fingerprinter = fingerprinter;
		this.promptTemplate = promptTemplate;
		this.defaultSize = defaultSize;
		this.defaultAspectRatio = defaultAspectRatio;
		this.current = current;
	}

	public Estimate estimate(Path input, Selection selection) {
		CatalogRowValidator validator = new CatalogRowValidator(this.promptTemplate, this.defaultSize,
				this.defaultAspectRatio);
		Map<String, Long> bySize = new TreeMap<>();
		long[] counts = new long[3];
		Map<String, String> fingerprints = new LinkedHashMap<>();
		Map<String, String> sizes = new HashMap<>();
		CatalogCsvReader.read(input, row -> {
			CatalogRowValidator.Outcome outcome = validator.validate(row);
			if (!(outcome instanceof CatalogRowValidator.Valid valid)) {
				counts[1]++;
				return;
			}
			Product product = valid.product();
			if (!selection.includes(product.sku())) {
				return;
			}
			counts[0]++;
			fingerprints.put(product.sku(), this.fingerprinter.fingerprint(product, input));
			sizes.put(product.sku(), product.size());
			if (fingerprints.size() == BATCH) {
				settle(fingerprints, sizes, selection, bySize, counts);
			}
		});
		settle(fingerprints, sizes, selection, bySize, counts);
		return new Estimate(counts[0], counts[1], counts[2], bySize);
	}

	private void settle(Map<String, String> fingerprints, Map<String, String> sizes, Selection selection,
			Map<String, Long> bySize, long[] counts) {
		Set<String> upToDate = selection.incremental() ? this.current.apply(fingerprints) : Set.of();
		for (String sku : fingerprints.keySet()) {
			if (upToDate.contains(sku)) {
				counts[2]++;
			}
			else {
				bySize.merge(sizes.get(sku), 1L, Long::sum);
			}
		}
		fingerprints.clear();
		sizes.clear();
	}

}
