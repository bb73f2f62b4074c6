package com.catalogimage.report;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One product of a job instance as report.csv shows it; absent values stay null (an empty cell), never zero.
 *
 * @param name the product's name from the catalog (shown in report.html, not in report.csv)
 * @param costBasis {@code tokens}, {@code flat}, {@code cache} or {@code unknown}; null when no call was made and no
 * cached image was used (pending, up to date, or skipped before any call), and then {@code costUsd} is null too
 */
record ReportRow(long line, String sku, String name, String status, @Nullable String reason,
		@Nullable String provider, @Nullable String model, String size, String aspectRatio, @Nullable Integer attempts,
		@Nullable Integer attemptsUnknown, @Nullable Integer http429, @Nullable Long rateWaitMs,
		@Nullable Long retryWaitMs, @Nullable Long apiLatencyMs, @Nullable Long totalLatencyMs,
		@Nullable Long inputTokens, @Nullable Long outputTokens, @Nullable BigDecimal costUsd,
		@Nullable String costBasis, @Nullable Long bytes, @Nullable Integer width, @Nullable Integer height,
		@Nullable String sha256, @Nullable String imagePath, @Nullable Long executionId, @Nullable Instant startedAt,
		@Nullable Instant finishedAt) {

	/** Status of a product the output folder had an image for but the catalog no longer lists. */
	public static final String REMOVED = "REMOVED";

	/** The bases report.csv may show; anything else the database holds (e.g. {@code none}) is shown empty. */
	public static final java.util.Set<String> COST_BASES = java.util.Set.of("tokens", "flat", "cache", "unknown");

	public int attemptsOrZero() {
		return this.attempts == null ? 0 : this.attempts;
	}

	public int attemptsUnknownOrZero() {
		return this.attemptsUnknown == null ? 0 : this.attemptsUnknown;
	}

}
