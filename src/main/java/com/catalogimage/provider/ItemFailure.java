package com.catalogimage.provider;

/**
 * This product can never succeed as it is (invalid request content, safety block, not an image, reference image too
 * large): it is skipped with {@link #status()} as its reason and the job goes on.
 */
public final class ItemFailure extends ProviderFailure {

	private final boolean invalidRequest;

	public ItemFailure(String status, String message) {
		this(status, message, false, null);
	}

	public ItemFailure(String status, String message, Throwable cause) {
		this(status, message, false, cause);
	}

	private ItemFailure(String status, String message, boolean invalidRequest, Throwable cause) {
		super(status, message, false, cause);
		this.invalidRequest = invalidRequest;
	}

	/**
	 * The provider rejected the request itself (a 400 that is not a content decision: an invalid size, an unsupported
	 * option). One such answer skips the product; the same one for product after product is a configuration error.
	 */
	public static ItemFailure invalidRequest(String status, String message) {
		return new ItemFailure(status, message, true, null);
	}

	/** Whether this is a request rejection, see {@link #invalidRequest(String, String)}. */
	public boolean invalidRequest() {
		return this.invalidRequest;
	}

}
