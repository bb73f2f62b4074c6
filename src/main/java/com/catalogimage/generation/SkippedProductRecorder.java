package com.catalogimage.generation;

import java.time.Clock;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.catalog.ProductStatus;
import com.catalogimage.storage.ImageManifest;
import com.catalogimage.storage.ManifestEntry;
import com.catalogimage.storage.ResultRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.SkipListener;

/**
 * Records a skipped product with its reason. Spring Batch calls it on the worker thread inside the chunk transaction,
 * so the skip commits (or rolls back) with the rest of the chunk.
 */
final class SkippedProductRecorder implements SkipListener<CatalogItem, GenerationResult> {

	private static final Logger log = LoggerFactory.getLogger(SkippedProductRecorder.class);

	private final CatalogItemRepository items;

	private final ResultRepository results;

	private final OutcomeFactory outcomes;

	private final Clock clock;

	private final ImageManifest manifest;

	public SkippedProductRecorder(CatalogItemRepository items, ResultRepository results, OutcomeFactory outcomes,
			Clock clock, ImageManifest manifest) {
		this.manifest = manifest;
		this.items = items;
		this.results = results;
		this.outcomes = outcomes;
		this.clock = clock;
	}

	@Override
	public void onSkipInProcess(CatalogItem item, Throwable failure) {
		if (!(failure instanceof ProductSkippedException skip)) {
			throw new IllegalStateException("only ProductSkippedException is skippable", failure);
		}
		record(item, skip);
	}

	/** Records a skip in the current transaction. */
	public void record(CatalogItem item, ProductSkippedException skip) {
		log.warn("Skipped {} (line {}): {}", item.sku(), item.line(), skip.getMessage());
		ManifestEntry previous = this.manifest.get(item.sku());
		String reason = previous == null ? skip.reason()
				: skip.reason() + "; stale image kept: " + previous.imagePath();
		this.items.finish(item.id(), ProductStatus.SKIPPED, reason);
		this.results.insert(this.outcomes.skipped(item, skip, reason, this.clock.instant()));
	}

}
