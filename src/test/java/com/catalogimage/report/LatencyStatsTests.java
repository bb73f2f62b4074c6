package com.catalogimage.report;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyStatsTests {

	@Test
	void nearestRankOfFiveValuesIsTheValueAtTheCeilingRank() {
		// given: ranks are ceil(p/100 * 5): p50 -> 3, p90 -> 5, p95 -> 5, p99 -> 5
		long[] sorted = { 15, 20, 35, 40, 50 };
		// when
		LatencyStats stats = LatencyStats.of(sorted);
		// then
		assertThat(stats).isEqualTo(new LatencyStats(5, 35L, 50L, 50L, 50L, 50L));
	}

	@Test
	void oneToAHundredGivesThePercentileItself() {
		// given
		long[] sorted = new long[100];
		for (int i = 0; i < 100; i++) {
			sorted[i] = i + 1;
		}
		// when
		LatencyStats stats = LatencyStats.of(sorted);
		// then
		assertThat(stats).isEqualTo(new LatencyStats(100, 50L, 90L, 95L, 99L, 100L));
	}

	@Test
	void tenValuesPutP95AndP99OnTheLastAndP90OnTheNinth() {
		// given
		long[] sorted = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 1000 };
		// when
		LatencyStats stats = LatencyStats.of(sorted);
		// then
		assertThat(stats.p50()).isEqualTo(5L);
		assertThat(stats.p90()).isEqualTo(9L);
		assertThat(stats.p95()).isEqualTo(1000L);
		assertThat(stats.p99()).isEqualTo(1000L);
	}

	@Test
	void noValuesGiveNoPercentilesRatherThanZero() {
		assertThat(LatencyStats.of(new long[0])).isEqualTo(LatencyStats.EMPTY);
		assertThat(LatencyStats.EMPTY.p50()).isNull();
	}

	@Test
	void agreesWithAFloatingPointCeilingOnRandomSamplesOfEverySize() {
		SplittableRandom random = new SplittableRandom(7);
		for (int n = 1; n <= 400; n++) {
			// given
			long[] values = random.longs(n, 0, 100_000).toArray();
			Arrays.sort(values);
			for (int p : new int[] { 50, 90, 95, 99, 100 }) {
				// when
				long actual = LatencyStats.nearestRank(values, p);
				// then
				int rank = (int) Math.ceil(p / 100.0 * n - 1e-9);
				assertThat(actual).as("n=%d p=%d", n, p).isEqualTo(values[Math.max(1, rank) - 1]);
			}
		}
	}

}
