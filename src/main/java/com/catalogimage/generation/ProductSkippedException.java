package com.catalogimage.generation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * This product will not get an image in this job instance (an item-level failure, or retries exhausted). The step's
 * skip policy sets it aside and the skip listener records {@link #reason()} with the attempt statistics.
 */
final class ProductSkippedException extends RuntimeException {

	private final String reason;

	private final AttemptStats stats;

	private final Instant startedAt;

	private final boolean retriesExhausted;

	public ProductSkippedException(String reason, String message, AttemptStats stats, Instant startedAt,
			boolean retriesExhausted, @Nullable Throwable cause) {
		super(message, cause, false, false);
		this.reason = reason;
		this.stats = stats;
		this.startedAt = startedAt;
		this.retriesExhausted = retriesExhausted;
	}

	/**
	 * Whether the product failed because every attempt met a retryable failure (as opposed to an item-level verdict
	 * such as a safety block): a symptom of the provider's health as much as of the product's.
	 */
	public boolean retriesExhausted() {
		return this.retriesExhausted;
	}

	/** Short reason for the report, e.g. {@code IMAGE_SAFETY} or {@code retries-exhausted:503 UNAVAILABLE}. */
	public String reason() {
		return this.reason;
	}

	public AttemptStats stats() {
		return this.stats;
	}

	public Instant startedAt() {
		return this.startedAt;
	}

}
