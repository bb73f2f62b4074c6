package com.catalogimage.provider.gemini;

import java.util.Set;

import com.catalogimage.provider.GeneratedImage;
import com.catalogimage.provider.ImageFileSink;
import com.catalogimage.image.ImageFormat;
import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.ProviderFailure;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.provider.TokenUsage;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code GenerateContentResponse} contained, as far as this app cares: the answer of a synchronous call, or one
 * line of a batch's results.
 *
 * @param image the last non-draft image, decoded to disk; the last draft when the answer had no other image; or null
 * @param imageIsThought whether {@code image} is a part flagged {@code "thought": true}
 * @param finishReason the first candidate's finish reason, or null
 * @param blockReason {@code promptFeedback.blockReason}, or null
 * @param usage token counts, or null when the answer had no {@code usageMetadata}
 */
record GeminiAnswer(@Nullable ImageFileSink image, boolean imageIsThought, @Nullable String finishReason, @Nullable String blockReason,
		@Nullable TokenUsage usage) {

	/** Finish reasons that are content decisions: another attempt rarely changes them. */
	private static final Set<String> CONTENT_BLOCKS = Set.of("SAFETY", "IMAGE_SAFETY", "PROHIBITED_CONTENT",
			"IMAGE_PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION", "IMAGE_RECITATION", "LANGUAGE", "MAX_TOKENS");

	/** Answers without an image are model flakiness: worth two more attempts, not five. */
	private static final int NO_IMAGE_ATTEMPTS = 3;

	/**
	 * The delivered image, or the failure that says why there is none. On failure the image file, if any, is deleted.
	 */
	GeneratedImage toImage() throws ProviderFailure {
		if (this.blockReason != null) {
			discard();
			throw new ItemFailure("blocked:" + this.blockReason,
					"the prompt was blocked (promptFeedback.blockReason " + this.blockReason + ")");
		}
		ImageFileSink kept = this.image;
		String finish = this.finishReason == null ? "STOP" : this.finishReason;
		if (kept != null && this.imageIsThought && !"STOP".equals(finish)) {
			// a draft is the product only of an answer that finished normally, never of one blocked after drafting
			kept.discard();
			kept = null;
		}
		if (kept == null) {
			if (CONTENT_BLOCKS.contains(finish)) {
				throw new ItemFailure(finish, "no image: the model stopped with finishReason " + finish);
			}
			throw new RetryableFailure("no-image:" + finish, "the answer carried no image (finishReason " + finish + ")",
					200, null, false, NO_IMAGE_ATTEMPTS, null);
		}
		ImageFormat format = kept.format().orElse(null);
		if (format == null) {
			kept.discard();
			throw new ItemFailure("not-an-image", "the inlineData bytes are not a PNG, JPEG or WebP image");
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
