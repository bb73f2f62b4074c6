package com.catalogimage.provider.openai;

import com.catalogimage.provider.GeneratedImage;
import com.catalogimage.provider.ImageFileSink;
import com.catalogimage.image.ImageFormat;
import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.ProviderFailure;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.provider.SystemicFailure;
import com.catalogimage.provider.TokenUsage;
import org.jspecify.annotations.Nullable;

/**
 * What an {@code images/generations} answer body contained: the answer of a synchronous call, or the {@code body} of
 * one line of a batch's results.
 *
 * @param image {@code data[0].b64_json} decoded to disk, or null
 * @param urlOnly whether {@code data[0]} carried a {@code url} instead of inline data
 * @param usage token counts (GPT image models only), or null
 * @param errorEnvelope the body's {@code error} object wrapped as {@code {"error": ...}}, or null when it had none (a
 * batch line with a status code other than 2xx carries its error in the body)
 */
record OpenAiAnswer(@Nullable ImageFileSink image, boolean urlOnly, @Nullable TokenUsage usage,
		@Nullable String errorEnvelope) {

	/** Answers without an image are flakiness (of a relay, mostly): worth two more attempts, not five. */
	private static final int NO_IMAGE_ATTEMPTS = 3;

	/**
	 * The delivered image, or the failure that says why there is none. On failure the image file, if any, is deleted.
	 */
	GeneratedImage toImage() throws ProviderFailure {
		ImageFileSink kept = this.image;
		if (kept == null) {
			if (this.urlOnly) {
				// every further call would answer the same way: a configuration problem, not this product's
				throw new SystemicFailure("url-only", "the provider answered with an image URL, not b64_json inline data",
						SystemicFailure.Ending.FAIL);
			}
			throw new RetryableFailure("no-image", "the answer carried no data[0].b64_json image", 200, null, false,
					NO_IMAGE_ATTEMPTS, null);
		}
		ImageFormat format = kept.format().orElse(null);
		if (format == null) {
			kept.discard();
			throw new ItemFailure("not-an-image", "the b64_json bytes are not a PNG, JPEG or WebP image");
		}
		return new GeneratedImage(kept.file(), format, kept.count(), kept.sha256Hex(), this.usage);
	}

	/** Deletes the image file, if any. */
	void discard() {
		if (this.image != null) {
			this.image.discard();
		}
	}

}
