package com.catalogimage.generation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.storage.ImagePlacement;
import com.catalogimage.storage.OutputLayout;
import com.catalogimage.storage.ResultRepository;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Finishes a chunk inside its transaction: places each image in the output folder (atomic and idempotent, so a
 * rolled-back chunk can be re-run), moves its product out of PENDING and inserts its result row. The rows commit
 * together with the worker's step execution, so the database always says exactly which products are done.
 */
public final class GeneratedImageWriter implements ItemWriter<GenerationResult> {

	private final ImagePlacement placement;

	private final OutputLayout layout;

	private final CatalogItemRepository items;

	private final ResultRepository results;

	private final OutcomeFactory outcomes;

	private final Clock clock;

	public GeneratedImageWriter(ImagePlacement placement, OutputLayout layout, CatalogItemRepository items,
			ResultRepository results, OutcomeFactory outcomes, Clock clock) {
		this.placement = placement;
		this.layout = layout;
		this.items = items;
		this.results = results;
		this.outcomes = outcomes;
		this.clock = clock;
	}

	@Override
	public void write(Chunk<? extends GenerationResult> chunk) {
		for (GenerationResult result : chunk) {
			Path placed = this.placement.place(result.image(), result.item().sku());
			Instant placedAt = this.clock.instant();
			this.items.finish(result.item().id(), result.status(), null);
			this.results.insert(this.outcomes.generated(result, this.layout.relative(placed), placedAt));
		}
	}

}
