package com.catalogimage.report;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One product of a job instance as report.csv shows it; absent values stay null (an empty cell), never zero. */
public record ReportRow(long line, String sku, String status, @Nullable String reason, @Nullable String provider,
		@Nullable String model, String size, String aspectRatio, @Nullable Integer attempts,
		@Nullable Integer attemptsUnknown, @Nullable Integer http429, @Nullable Long rateWaitMs,
		@Nullable Long retryWaitMs, @Nullable Long apiLatencyMs, @Nullable Long totalLatencyMs,
		@Nullable Long inputTokens, @Nullable Long outputTokens, @Nullable BigDecimal costUsd,
		@Nullable String costBasis, @Nullable Long bytes, @Nullable Integer width, @Nullable Integer height,
		@Nullable String sha256, @Nullable String imagePath, @Nullable Long executionId, @Nullable Instant startedAt,
		@Nullable Instant finishedAt) {
}
