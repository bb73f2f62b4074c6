package com.catalogimage.provider;

/**
 * A call that did not deliver an image, classified once where it was observed. The subtype decides what happens
 * next: {@link RetryableFailure} is retried with backoff, {@link ItemFailure} skips the product, and
 * {@link SystemicFailure} stops the job so that a restart redoes the remaining work. Messages never contain secrets.
 */
public abstract sealed class ProviderFailure extends RuntimeException
		permits RetryableFailure, ItemFailure, SystemicFailure {

	private final String status;

	private final boolean outcomeUnknown;

	protected ProviderFailure(String status, String message, boolean outcomeUnknown, Throwable cause) {
		super(message, cause, false, cause != null);
		this.status = status;
		this.outcomeUnknown = outcomeUnknown;
	}

	/**
	 * A short machine-readable status, e.g. {@code 503 UNAVAILABLE}, {@code IMAGE_SAFETY} or {@code timeout}; it is what
	 * the report's reason column shows.
	 */
	public String status() {
		return this.status;
	}

	/**
	 * Whether the request may have reached the provider and been billed although no answer came back (a read timeout
	 * or a connection lost after sending).
	 */
	public boolean outcomeUnknown() {
		return this.outcomeUnknown;
	}

}
