package com.catalogimage.provider.openai;

import com.catalogimage.provider.ImageFileSink;
import com.catalogimage.provider.TokenUsage;
import org.jspecify.annotations.Nullable;

/**
 * What a 200 answer of {@code images/generations} contained.
 *
 * @param image {@code data[0].b64_json} decoded to disk, or null
 * @param urlOnly whether {@code data[0]} carried a {@code url} instead of inline data
 * @param usage token counts (GPT image models only), or null
 */
record OpenAiAnswer(@Nullable ImageFileSink image, boolean urlOnly, @Nullable TokenUsage usage) {
}
