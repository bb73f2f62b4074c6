package com.catalogimage.report;

import org.jspecify.annotations.Nullable;

/**
 * Exact percentiles of a set of latencies, by the nearest-rank definition: with the n values sorted ascending and
 * numbered from 1, the p-th percentile is the value at rank {@code ceil(p / 100 * n)}, i.e. the smallest value that at
 * least p % of the values do not exceed. It is always one of the measured values, never an interpolation. All
 * fields are null when there are no values.
 *
 * @param count how many values
 */
record LatencyStats(int count, @Nullable Long p50, @Nullable Long p90, @Nullable Long p95, @Nullable Long p99,
		@Nullable Long max) {

	public static final LatencyStats EMPTY = new LatencyStats(0, null, null, null, null, null);

	/** @param sorted values in ascending order */
	public static LatencyStats of(long[] sorted) {
		if (sorted.length == 0) {
			return EMPTY;
		}
		return new LatencyStats(sorted.length, nearestRank(sorted, 50), nearestRank(sorted, 90),
				nearestRank(sorted, 95), nearestRank(sorted, 99), sorted[sorted.length - 1]);
	}

	/** The nearest-rank percentile {@code p} (0 < p ≤ 100) of a non-empty ascending array. */
	public static long nearestRank(long[] sorted, int p) {
		if (sorted.length == 0 || p <= 0 || p > 100) {
			throw new IllegalArgumentException("need values and 0 < p <= 100");
		}
		// integer arithmetic: ceil(p * n / 100) without floating-point rounding surprises
		long rank = ((long) p * sorted.length + 99) / 100;
		return sorted[(int) Math.max(1, rank) - 1];
	}

}
