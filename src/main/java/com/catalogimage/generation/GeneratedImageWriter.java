package com.catalogimage.generation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.provider.LocalWriteException;
import com.catalogimage.storage.ImageManifest;
import com.catalogimage.storage.ImagePlacement;
import com.catalogimage.storage.ManifestEntry;
import com.catalogimage.storage.OutputLayout;
import com.catalogimage.storage.ProductOutcome;
import com.catalogimage.storage.ResultRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Finishes a chunk inside its transaction: places each image in the output folder (atomic and idempotent, so a
 * rolled-back chunk can be re-run), moves its product out of PENDING, inserts its result row and updates the image
 * manifest. The rows commit together with the worker's step execution, so the database always says exactly which
 * products are done. A product whose image cannot be placed (a full disk) stays PENDING and closes the gate.
 */
final class GeneratedImageWriter implements ItemWriter<GenerationResult> {

	private final ImagePlacement placement;

	private final OutputLayout layout;

	private final CatalogItemRepository items;

	private final ResultRepository results;

	private final OutcomeFactory outcomes;

	private final Clock clock;

	private final ImageManifest manifest;

	private final CurrentRun runs;

	GeneratedImageWriter(ImagePlacement placement, OutputLayout layout, CatalogItemRepository items,
			ResultRepository results, OutcomeFactory outcomes, Clock clock, ImageManifest manifest, CurrentRun runs) {
		this.runs = runs;
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
			if (placed == null) {
				continue;
			}
			Instant placedAt = this.clock.instant();
			String imagePath = this.layout.relative(placed);
			this.items.finish(result.item().id(), result.status(), null);
			ProductOutcome outcome = this.outcomes.generated(result, imagePath, placedAt);
			this.results.insert(outcome);
			this.manifest.put(new ManifestEntry(result.item().sku(), result.item().fingerprint(), imagePath,
					result.image().sha256(), result.image().bytes(), modifiedAt(placed), outcome.image().width(),
					outcome.image().height(), result.item().size(), outcome.price().costUsd(), placedAt,
					result.item().jobInstanceId()));
			removeOtherFormatsAfterCommit(result);
		}
	}

	/**
	 * A product whose model now answers in another format (PNG before, JPEG now) would keep its old image beside the
	 * new one. The old file goes once the chunk has committed the manifest entry that names the new one: a rolled-back
	 * chunk leaves both, and the manifest still names the old one.
	 */
	private void removeOtherFormatsAfterCommit(GenerationResult result) {
		List<Path> stale = this.placement.otherFormats(result.item().sku(), result.image().format());
		if (stale.isEmpty() || !TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				for (Path file : stale) {
					try {
						Files.deleteIfExists(file);
					}
					catch (IOException ex) {
						// a stale copy is untidy, not wrong: the manifest and the report name the new image
					}
				}
			}
		});
	}

	/**
	 * An image folder that cannot be written fails every product alike: the gate closes, so that no worker buys more
	 * images and the run ends FAILED with this reason, and the product is left PENDING, as a closed gate leaves the
	 * products it holds. Its image is in the cache, so the restart places it without a call.
	 *
	 * @return where the image is, or null when it could not be placed
	 */
	private @Nullable Path place(GenerationResult result) {
		try {
			return this.placement.place(result.image(), result.item().sku());
		}
		catch (LocalWriteException failure) {
			String why = failure.getMessage() + "; a fault on this machine, not the provider's: the image of product "
					+ result.item().sku() + " is kept in the cache and is placed, without a call, by the restart";
			GenerationGate gate = this.runs.get().gate();
			ImageGenerationProcessor.logFault(gate, why);
			gate.fail(why);
			return null;
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
