package com.catalogimage.storage;

import java.math.BigDecimal;
import java.time.Instant;

import com.catalogimage.catalog.ProductStatus;
import org.jspecify.annotations.Nullable;

/**
 * One row of {@code generation_result}: the final word on a product in a job instance.
 *
 * @param imagePath path of the placed image relative to the output folder, or null
 */
public record ProductOutcome(long itemId, long jobInstanceId, long jobExecutionId, ProductStatus status,
		@Nullable String reason, String provider, String model, String size, String aspectRatio, int attempts,
		int attemptsUnknown, int http429, long rateWaitMs, long retryWaitMs, @Nullable Long apiLatencyMs,
		@Nullable Long totalLatencyMs, @Nullable Long inputTokens, @Nullable Long outputTokens,
		@Nullable BigDecimal costUsd, String costBasis, @Nullable Long bytes, @Nullable Integer width,
		@Nullable Integer height, @Nullable String sha256, @Nullable String imagePath, @Nullable Instant startedAt,
		@Nullable Instant finishedAt) {
}
