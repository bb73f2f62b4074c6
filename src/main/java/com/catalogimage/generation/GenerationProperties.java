package com.catalogimage.generation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How hard to drive the provider, and when to stop.
 *
 * @param concurrency calls in flight at most; the step runs {@link #workers()} partition workers for them
 * @param rpm requests per minute allowed by the shared rate limiter (retries included); never exceeded
 * @param burst permits handed out together; 0 means {@code rpm / 60}, i.e. a refresh every second
 * @param rateMargin share by which the limiter's period is stretched so jitter never pushes a provider's
 * sliding-minute count over {@code rpm}
 * @param adaptiveRate whether a 429 lowers the pace (and successes raise it back up to {@code rpm})
 * @param chunkSize products per worker transaction; bounds the calls a crash can repeat (the cache then makes them
 * free)
 * @param maxAttempts attempts per product, first call included
 * @param backoffBase base of the exponential backoff between attempts
 * @param backoffCap longest wait between attempts, and the longest a server's retry hint is honoured (or pauses every
 * worker)
 * @param maxRetryHint a server's retry hint longer than this ends the run STOPPED with the time to restart, instead of
 * being capped at {@code backoffCap} and retried into the same refusal
 * @param configErrorAfter identical request rejections (the same 400 status and message) in a row, with no image in
 * between, after which the run fails as a configuration error instead of skipping product after product; 0 for never
 * @param skipLimit products that may be skipped before the job fails; negative for 5 % of the catalog, at least 10
 * @param rpd requests per day for the provider and model across runs; 0 for no budget
 * @param rpdZone the zone whose midnight starts a new day for {@code rpd} (Gemini resets at midnight Pacific)
 * @param maxCost cost budget of a run in USD, or null for none
 * @param healthWindow products whose final outcome the provider-failure detector looks at
 * @param healthMinSamples outcomes needed before the detector judges
 * @param healthThreshold share of failed products in the window above which the job fails
 * @param shutdownGrace on SIGTERM, how long in-flight calls may finish before they are abandoned
 */
@ConfigurationProperties("imagebatch.generation")
public record GenerationProperties(@DefaultValue("8") int concurrency, @DefaultValue("600") int rpm,
		@DefaultValue("0") int burst, @DefaultValue("0.02") double rateMargin,
		@DefaultValue("true") boolean adaptiveRate, @DefaultValue("1") int chunkSize,
		@DefaultValue("5") int maxAttempts, @DefaultValue("2s") Duration backoffBase,
		@DefaultValue("60s") Duration backoffCap, @DefaultValue("10m") Duration maxRetryHint,
		@DefaultValue("5") int configErrorAfter, @DefaultValue("-1") long skipLimit, @DefaultValue("0") long rpd,
		@DefaultValue("America/Los_Angeles") ZoneId rpdZone, @Nullable BigDecimal maxCost,
		@DefaultValue("50") int healthWindow, @DefaultValue("10") int healthMinSamples,
		@DefaultValue("0.5") double healthThreshold, @DefaultValue("30s") Duration shutdownGrace) {

	/**
	 * The partition workers: a few more than the calls in flight, so that while some do the work around their call
	 * (quality gate, placement, the chunk's commit), holding no call permit, others keep every permit busy. One extra
	 * worker per eight permits, at least two: that work takes about 1 % of a call.
	 */
	public int workers() {
		return this.concurrency + Math.max(2, (this.concurrency + 7) / 8);
	}

	public GenerationProperties {
		if (concurrency < 1) {
			throw new IllegalArgumentException("concurrency must be at least 1");
		}
		if (rpm < 1) {
			throw new IllegalArgumentException("rpm must be at least 1");
		}
		if (chunkSize < 1) {
			throw new IllegalArgumentException("chunk-size must be at least 1");
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("max-attempts must be at least 1");
		}
		if (maxRetryHint.compareTo(backoffCap) < 0) {
			throw new IllegalArgumentException("max-retry-hint must be at least backoff-cap");
		}
		if (configErrorAfter < 0) {
			throw new IllegalArgumentException("config-error-after must be 0 (never) or more");
		}
	}

}
