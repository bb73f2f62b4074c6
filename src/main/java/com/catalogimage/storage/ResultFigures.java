package com.catalogimage.storage;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The groups of figures a result row holds about a product, as written ({@link ProductOutcome}) and as read back with
 * the product's catalog row ({@link ProductRecord}). A value is null where the row has none (a product with no result
 * row yet has none at all), never zero.
 */
public final class ResultFigures {

	private ResultFigures() {
	}

	/**
	 * The calls made for the product over all executions of its run, and what they waited.
	 *
	 * @param unknown calls whose outcome is unknown (timed out or cut after sending): possibly billed
	 * @param http429 calls answered 429
	 * @param rateWaitMs time the product's calls waited for rate-limit permits
	 * @param retryWaitMs time they waited in backoff between attempts
	 */
	public record Calls(@Nullable Integer attempts, @Nullable Integer unknown, @Nullable Integer http429,
			@Nullable Long rateWaitMs, @Nullable Long retryWaitMs) {

		public static final Calls NONE = new Calls(null, null, null, null, null);

		public int attemptsOrZero() {
			return this.attempts == null ? 0 : this.attempts;
		}

		public int unknownOrZero() {
			return this.unknown == null ? 0 : this.unknown;
		}

	}

	/**
	 * When work on the product ran and how long it took.
	 *
	 * @param apiLatencyMs the delivering call's own duration (generated images only)
	 * @param totalLatencyMs from the first attempt (or the cache lookup) to the placed image
	 */
	public record Timing(@Nullable Long apiLatencyMs, @Nullable Long totalLatencyMs, @Nullable Instant startedAt,
			@Nullable Instant finishedAt) {

		public static final Timing NONE = new Timing(null, null, null, null);

	}

	/**
	 * What the product's image cost and how that was worked out.
	 *
	 * @param costUsd null when no price is known or nothing was priced
	 * @param costBasis {@code tokens}, {@code flat}, {@code cache} or {@code unknown}; {@code none} as stored for a
	 * skip before any call, which a read gives back as null
	 */
	public record Price(@Nullable Long inputTokens, @Nullable Long outputTokens, @Nullable BigDecimal costUsd,
			@Nullable String costBasis) {

		public static final Price NONE = new Price(null, null, null, null);

	}

	/**
	 * The placed image file.
	 *
	 * @param width pixels, null when the format cannot be read here
	 * @param height pixels, null when the format cannot be read here
	 * @param path relative to the output folder
	 */
	public record ImageFile(@Nullable Long bytes, @Nullable Integer width, @Nullable Integer height,
			@Nullable String sha256, @Nullable String path) {

		public static final ImageFile NONE = new ImageFile(null, null, null, null, null);

	}

	/**
	 * How the product's image was bought.
	 *
	 * @param mode {@code sync} (one call) or {@code batch} (a line of a provider batch)
	 * @param batchId the provider's name for the batch, for {@code batch}
	 * @param submittedAt when that batch was submitted, so the report gives the time from submission to result
	 */
	public record Origin(String mode, @Nullable String batchId, @Nullable Instant submittedAt) {

		public static final Origin SYNC = new Origin("sync", null, null);

		public static Origin batch(String batchId, Instant submittedAt) {
			return new Origin("batch", batchId, submittedAt);
		}

	}

}
