package com.catalogimage.provider.gemini;

import com.catalogimage.provider.ImageFileSink;
import com.catalogimage.provider.TokenUsage;
import org.jspecify.annotations.Nullable;

/**
 * What a 200 answer of {@code generateContent} contained, as far as this app cares.
 *
 * @param image the last non-draft image, decoded to disk; the last draft when the answer had no other image; or null
 * @param imageIsThought whether {@code image} is a part flagged {@code "thought": true}
 * @param finishReason the first candidate's finish reason, or null
 * @param blockReason {@code promptFeedback.blockReason}, or null
 * @param usage token counts, or null when the answer had no {@code usageMetadata}
 */
record GeminiAnswer(@Nullable ImageFileSink image, boolean imageIsThought, @Nullable String finishReason, @Nullable String blockReason,
		@Nullable TokenUsage usage) {
}
