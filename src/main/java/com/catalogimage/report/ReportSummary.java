package com.catalogimage.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

import com.catalogimage.batchmode.BatchTotals;
import org.jspecify.annotations.Nullable;

/**
 * The figures of a whole job instance that summary.csv, the console and the head of report.html show. Costs are in
 * USD; money a provider may have charged for calls whose outcome is unknown is kept apart from the known cost.
 *
 * @param products products of the instance's catalog (removed ones are not among them)
 * @param removed products the output folder had an image for that the catalog no longer lists
 * @param skippedByReason skipped products per reason, most frequent first
 * @param costUsd the sum of every known cost (token-priced and flat-priced images, the unrecorded ones, and the
 * duplicate outputs of provider batches; cache hits cost 0)
 * @param unpricedImages generated images whose price is unknown (model or size missing from the price table): not in
 * {@code costUsd}, so the total is a lower bound when this is not 0
 * @param unrecordedImages images delivered, so billed, that no product's row prices: lost to a write failure (a
 * full disk), or kept in the cache by a chunk that rolled back or a process that died, whose restart shows them
 * CACHED at no cost
 * @param unrecordedUsd those images at the flat price, included in {@code costUsd}
 * @param possiblyBilledCalls calls whose outcome is unknown (timed out or cut after the request was sent)
 * @param possiblyBilledUsd those calls at the model's flat per-image price
 * @param batchEquivalentUsd {@code costUsd} at the provider's Batch API price (the model's batch discount; what was
 * bought through a batch, at what it cost)
 * @param costByStatus products, cost and possibly billed cost per status, in the order of the statuses
 * @param requests calls made, first attempts and retries (from the attempt journal when there is one, so calls for
 * products still pending count too)
 * @param productsCalled products for which at least one call was made
 * @param modes how the generated images were bought: synchronous calls or provider batches
 */
public record ReportSummary(RunFacts run, long products, long generated, long upToDate, long cached, long skipped,
		long pending, long removed, long rejectedRows, Map<String, Long> skippedByReason, BigDecimal costUsd, long unpricedImages,
		long unrecordedImages, BigDecimal unrecordedUsd, long possiblyBilledCalls, BigDecimal possiblyBilledUsd, BigDecimal batchEquivalentUsd,
		Map<String, StatusCost> costByStatus, String pricesAsOf, LatencyStats apiLatency, LatencyStats totalLatency,
		long requests, long productsCalled, long http429, long rateWaitMs, long retryWaitMs, Modes modes) {

	/**
	 * @param imagesSync generated images each bought by a synchronous call
	 * @param imagesBatch generated images bought as lines of provider batches, at the batch price
	 * @param savedAgainstSyncUsd what the batch images would have cost synchronously, less what they cost
	 * @param batches the instance's provider batches, with the duplicate outputs they billed ({@code costUsd} holds
	 * their cost)
	 */
	public record Modes(long imagesSync, long imagesBatch, BigDecimal savedAgainstSyncUsd, BatchTotals batches) {

		/** Whether the run used the Batch API at all: a batch was intended or submitted, or an image came of one. */
		public boolean batchUsed() {
			return this.batches.any() || this.imagesBatch > 0;
		}

	}

	/**
	 * @param products products with this status
	 * @param costUsd their known cost
	 * @param possiblyBilledUsd their calls of unknown outcome at the flat price
	 */
	public record StatusCost(long products, BigDecimal costUsd, BigDecimal possiblyBilledUsd) {
	}

	/** Attempts beyond the first, over all products. */
	public long retries() {
		return this.requests - this.productsCalled;
	}

	/** Known cost divided by the images generated, or null when none was generated. */
	public @Nullable BigDecimal costPerGeneratedImage() {
		return this.generated == 0 ? null
				: this.costUsd.divide(BigDecimal.valueOf(this.generated), 6, RoundingMode.HALF_UP);
	}

	/** Generated images per minute of the generate step's wall time, or null when it did not run. */
	public @Nullable Double imagesPerMinute() {
		return perMinute(this.generated);
	}

	/** Calls per minute of the generate step's wall time, or null when it did not run. */
	public @Nullable Double requestsPerMinute() {
		return perMinute(this.requests);
	}

	/** The share of the configured RPM the calls used (0.42 = 42 %), or null when unknown. */
	public @Nullable Double rpmShareUsed() {
		Double rpm = requestsPerMinute();
		return rpm == null || this.run.rpmLimit() <= 0 ? null : rpm / this.run.rpmLimit();
	}

	private @Nullable Double perMinute(long count) {
		double minutes = this.run.generateWall().toNanos() / 60e9;
		return minutes <= 0 ? null : count / minutes;
	}

}
