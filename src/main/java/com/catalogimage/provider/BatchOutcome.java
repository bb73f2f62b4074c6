package com.catalogimage.provider;

/**
 * What one result line says about its request: an image, or why there is none. The classification is the synchronous
 * call's, so the caller treats both alike: an {@link ItemFailure} skips the product, a {@link RetryableFailure} leaves
 * it to be tried again (in a later batch or synchronously), a {@link SystemicFailure} stops the run.
 */
public sealed interface BatchOutcome permits BatchOutcome.Delivered, BatchOutcome.Failed {

	/**
	 * A delivered, billed image, already decoded into a temp file ({@link GeneratedImage#file()}). Move it during the
	 * callback (e.g. into the image cache); the file is deleted when the callback returns.
	 */
	record Delivered(GeneratedImage image) implements BatchOutcome {
	}

	/** The line carries no usable image. */
	record Failed(ProviderFailure failure) implements BatchOutcome {
	}

}
