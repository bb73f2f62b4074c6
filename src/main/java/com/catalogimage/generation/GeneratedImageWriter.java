package com.catalogimage.generation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.provider.LocalWriteException;
import com.catalogimage.storage.ImageManifest;
import com.catalogimage.storage.ImagePlacement;
import com.catalogimage.storage.ManifestEntry;
import com.catalogimage.storage.OutputLayout;
import com.catalogimage.storage.ProductOutcome;
import com.catalogimage.storage.ResultRepository;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Finishes a chunk inside its transaction: places each image in the output folder (atomic and idempotent, so a
 * rolled-back chunk can be re-run), moves its product out of PENDING, inserts its result row and updates the image
 * manifest. The rows commit together with the worker's step execution, so the database always says exactly which
 * products are done.
 */
public final class GeneratedImageWriter implements ItemWriter<GenerationResult> {

	private final ImagePlacement placement;

	private final OutputLayout layout;

	private final CatalogItemRepository items;

	private final ResultRepository results;

	private final OutcomeFactory outcomes;

	private final Clock clock;

	private final ImageManifest manifest;

	private final GenerationGate gate;

	public GeneratedImageWriter(ImagePlacement placement, OutputLayout layout, CatalogItemRepository items,
			ResultRepository results, OutcomeFactory outcomes, Clock clock, ImageManifest manifest,
			GenerationGate gate) {
		this.gate = gate;
		this.placement = placement;
		this.layout = layout;
		this.items = items;
		this.results = results;
		this.outcomes = outcomes;
		this.clock = clock;
		this.manifest = manifest;
	}

	@Override
	public void write(Chunk<? extends GenerationResult> chunk) {
		for (GenerationResult result : chunk) {
			Path placed = place(result);
			Instant placedAt = this.clock.instant();
			String imagePath = this.layout.relative(placed);
			this.items.finish(result.item().id(), result.status(), null);
			ProductOutcome outcome = this.outcomes.generated(result, imagePath, placedAt);
			this.results.insert(outcome);
			this.manifest.put(new ManifestEntry(result.item().sku(), result.item().fingerprint(), imagePath,
					result.image().sha256(), result.image().bytes(), modifiedAt(placed), outcome.width(),
					outcome.height(), result.item().size(), outcome.costUsd(), placedAt, result.item().jobInstanceId()));
		}
	}

	/**
	 * An image folder that cannot be written fails every product alike: the gate closes so that no worker buys more
	 * images, and the chunk rolls back. Its images are in the cache, so the restart places them without a call.
	 */
	private Path place(GenerationResult result) {
		try {
			return this.placement.place(result.image(), result.item().sku());
		}
		catch (LocalWriteException failure) {
			this.gate.fail(failure.getMessage() + "; a fault on this machine, not the provider's: the image of product "
					+ result.item().sku() + " is kept in the cache and is placed, without a call, by the restart");
			throw failure;
		}
	}

	private static long modifiedAt(Path file) {
		try {
			return Files.getLastModifiedTime(file).toMillis();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
