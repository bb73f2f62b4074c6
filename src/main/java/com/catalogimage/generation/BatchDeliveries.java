package com.catalogimage.generation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.catalog.ProductStatus;
import com.catalogimage.image.Dimensions;
import com.catalogimage.provider.GeneratedImage;
import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.LocalWriteException;
import com.catalogimage.storage.CachedImage;
import com.catalogimage.storage.ImageCache;
import com.catalogimage.storage.ResultFigures.Origin;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The way into the synchronous path for images bought through a provider batch: each delivered line goes through the
 * same image cache, quality gate, placement, manifest and result row as an image of one call (the generate step's
 * writer does the placing and recording), priced at the model's batch price; a failed line is skipped with its reason
 * as a synchronous product would be. The batch step opens a {@link GenerationRun} of its own, so a fault on this
 * machine closes a gate and a shutdown stops it as it stops the generate step; the generate step opens a new one.
 * Call within the caller's transaction, on the step's thread (the result row names the step's job execution).
 */
public final class BatchDeliveries {

	private static final Logger log = LoggerFactory.getLogger(BatchDeliveries.class);

	/** What became of a delivered image. */
	public enum Applied {

		/** Placed and recorded: the product is GENERATED. */
		GENERATED,

		/** It failed the quality gate: the product is SKIPPED (quarantined copy, reason recorded). */
		SKIPPED,

		/** It could not be placed (a full disk): the product stays PENDING and the gate is closed. */
		NOT_PLACED

	}

	private final ImageCache cache;

	private final QualityInspection inspection;

	private final ItemWriter<GenerationResult> writer;

	private final SkippedProductRecorder skips;

	private final CostCalculator costs;

	private final CurrentRun runs;

	private final GenerationRunFactory factory;

	private final Clock clock;

	private final String model;

	BatchDeliveries(ImageCache cache, QualityInspection inspection, ItemWriter<GenerationResult> writer,
			SkippedProductRecorder skips, CostCalculator costs, CurrentRun runs, GenerationRunFactory factory,
			Clock clock, String model) {
		this.cache = cache;
		this.inspection = inspection;
		this.writer = writer;
		this.skips = skips;
		this.costs = costs;
		this.runs = runs;
		this.factory = factory;
		this.clock = clock;
		this.model = model;
	}

	/** Opens the batch step's run: an open gate, the skip count and budgets as earlier executions left them. */
	public void begin(long jobInstanceId) {
		this.runs.begin(this.factory.open(jobInstanceId));
	}

	/** Whether the run may go on (no local fault, no failure, no shutdown). */
	public boolean isOpen() {
		return this.runs.get().gate().isOpen();
	}

	/** Whether the run's gate closed to stop (a shutdown) rather than to fail. */
	public boolean isStopping() {
		return this.runs.get().gate().state() == GenerationGate.State.STOPPING;
	}

	/** Why the gate closed, or null while it is open. */
	public @Nullable String reason() {
		return this.runs.get().gate().reason();
	}

	/** Ends the run FAILED with this reason (a systemic failure, a fault on this machine). */
	public void fail(String why) {
		log.error("Failing the job: {}", why);
		this.runs.get().gate().fail(why);
	}

	/**
	 * Waits for {@code duration} or until the gate closes (a shutdown), whichever comes first.
	 * @return whether the run may go on
	 */
	public boolean pause(Duration duration) throws InterruptedException {
		return this.runs.get().gate().awaitOpenFor(duration);
	}

	/**
	 * Puts a delivered image of a PENDING product into the cache, inspects, places and records it.
	 * @param submittedAt when the product's batch was submitted: the result's start, so its total latency is the time
	 * from submission to result
	 * @throws LocalWriteException when the cache cannot take the image (it was delivered, so the line must be read
	 * again from the provider's results, not bought again)
	 */
	public Applied deliver(CatalogItem item, GeneratedImage image, Origin origin, Instant submittedAt) {
		CachedImage stored = this.cache.store(item.fingerprint(), image);
		Dimensions size;
		try {
			size = this.inspection.inspect(item, stored, AttemptStats.NONE, submittedAt);
		}
		catch (ProductSkippedException skip) {
			record(item, skip);
			return Applied.SKIPPED;
		}
		GenerationResult result = new GenerationResult(item, ProductStatus.GENERATED, stored, size, AttemptStats.NONE,
				image.usage(), batchCost(item.size(), image), submittedAt, this.clock.instant(), origin);
		try {
			this.writer.write(Chunk.of(result));
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			// the generate step's writer throws only unchecked exceptions; the interface allows checked ones
			throw new IllegalStateException(ex);
		}
		return isOpen() ? Applied.GENERATED : Applied.NOT_PLACED;
	}

	/** A line that failed for good: the product is skipped with the failure's status, as a synchronous call's. */
	public void skip(CatalogItem item, ItemFailure failure, Instant submittedAt) {
		record(item, new ProductSkippedException(failure.status(), failure.getMessage(), AttemptStats.NONE,
				submittedAt, false, failure));
	}

	/**
	 * What a delivered line costs at the batch price: its tokens (or the flat price for the size) times the model's
	 * batch discount; a duplicate output is billed so too.
	 */
	private Cost batchCost(String size, GeneratedImage image) {
		Cost standard = this.costs.cost(this.model, size, image.usage());
		BigDecimal usd = standard.usd();
		if (usd == null) {
			return standard;
		}
		return new Cost(usd.multiply(this.costs.batchDiscount(this.model)).setScale(6, RoundingMode.HALF_UP),
				standard.basis());
	}

	/** {@link #batchCost} in dollars, or null when no price is known. */
	public @Nullable BigDecimal batchPrice(String size, GeneratedImage image) {
		return batchCost(size, image).usd();
	}

	/**
	 * What {@code --max-cost} leaves the run to commit: the budget less what it has spent (as the generate step's
	 * budget counts it), or null when the run has no budget. What open batches hold is for the caller to count.
	 */
	public @Nullable BigDecimal budgetLeft(long jobInstanceId) {
		BigDecimal limit = this.runs.get().spend().limit();
		return limit == null ? null : limit.subtract(this.factory.spentSoFar(jobInstanceId));
	}

	/** The flat batch price of one image of this size (a line without a key still cost that much), or null. */
	public @Nullable BigDecimal flatBatchPrice(String size) {
		BigDecimal flat = this.costs.flatPrice(this.model, size);
		return flat == null ? null
				: flat.multiply(this.costs.batchDiscount(this.model)).setScale(6, RoundingMode.HALF_UP);
	}

	private void record(CatalogItem item, ProductSkippedException skip) {
		this.skips.record(item, skip);
		GenerationRun run = this.runs.get();
		if (!run.skips().take()) {
			fail("more than %d products skipped (--skip-limit); last: %s %s".formatted(run.skips().limit(), item.sku(),
					skip.reason()));
		}
	}

}
