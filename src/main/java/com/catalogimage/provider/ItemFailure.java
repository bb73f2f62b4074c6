package com.catalogimage.provider;

/**
 * This product can never succeed as it is (invalid request content, safety block, not an image, reference image too
 * large): it is skipped with {@link #status()} as its reason and the job goes on.
 */
public final class ItemFailure extends ProviderFailure {

	public ItemFailure(String status, String message) {
		super(status, message, false, null);
	}

	public ItemFailure(String status, String message, Throwable cause) {
		super(status, message, false, cause);
	}

}
