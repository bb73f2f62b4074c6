package com.catalogimage.provider;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A failure that another attempt may cure: 408, per-minute 429, 5xx, timeouts, resets, truncated or malformed bodies,
 * and answers without an image.
 */
public final class RetryableFailure extends ProviderFailure {

	private final int httpStatus;

	private final @Nullable Duration retryAfter;

	private final int maxAttempts;

	/**
	 * @param httpStatus the HTTP status, or 0 when none was received
	 * @param retryAfter the server's hint how long to wait, or null
	 * @param maxAttempts a tighter attempt limit for this kind of failure (e.g. 3 for "no image"), or 0 for the
	 * configured limit
	 */
	public RetryableFailure(String status, String message, int httpStatus, @Nullable Duration retryAfter,
			boolean outcomeUnknown, int maxAttempts, @Nullable Throwable cause) {
		super(status, message, outcomeUnknown, cause);
		this.httpStatus = httpStatus;
		this.retryAfter = retryAfter;
		this.maxAttempts = maxAttempts;
	}

	public RetryableFailure(String status, String message, int httpStatus, @Nullable Duration retryAfter) {
		this(status, message, httpStatus, retryAfter, false, 0, null);
	}

	public int httpStatus() {
		return this.httpStatus;
	}

	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	public int maxAttempts() {
		return this.maxAttempts;
	}

	public boolean rateLimited() {
		return this.httpStatus == 429;
	}

}
