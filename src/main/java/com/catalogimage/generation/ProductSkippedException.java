package com.catalogimage.generation;

import java.time.Instant;

/**
 * This product will not get an image in this job instance (an item-level failure, or retries exhausted). The step's
 * skip policy sets it aside and the skip listener records {@link #reason()} with the attempt statistics.
 */
public final class ProductSkippedException extends RuntimeException {

	private final String reason;

	private final AttemptStats stats;

	private final Instant startedAt;

	public ProductSkippedException(String reason, String message, AttemptStats stats, Instant startedAt,
			Throwable cause) {
		super(message, cause, false, false);
		this.reason = reason;
		this.stats = stats;
		this.startedAt = startedAt;
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
