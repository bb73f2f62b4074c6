package com.catalogimage.report;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChartsTests {

	@Test
	void histogramBinsReachTheP99RoundedAndCountOutliersInOneMoreBin() {
		// given: 99 values 1..99 ms and one outlier
		long[] total = new long[100];
		for (int i = 0; i < 99; i++) {
			total[i] = i + 1;
		}
		total[99] = 60_000;
		// when
		long width = LatencyHistogram.binWidth(total, total);
		long[] counts = LatencyHistogram.counts(total, width);
		// then: p99 = 99 ms, 20 bins -> 5 ms each
		assertThat(width).isEqualTo(5);
		assertThat(Arrays.stream(counts).sum()).isEqualTo(100);
		assertThat(counts[LatencyHistogram.BINS]).isEqualTo(1);
		assertThat(counts[0]).isEqualTo(4); // 1..4 ms
	}

	@Test
	void constantLatencyStaysInsideThePlot() {
		// given
		long[] total = { 200, 200, 200 };
		// when
		long width = LatencyHistogram.binWidth(total, total);
		long[] counts = LatencyHistogram.counts(total, width);
		// then
		assertThat(width).isEqualTo(10);
		assertThat(counts[LatencyHistogram.BINS - 1]).isEqualTo(3);
		assertThat(counts[LatencyHistogram.BINS]).isZero();
	}

	@Test
	void throughputBucketIsTheSmallestRoundDurationGivingAtMostSixtyBars() {
		assertThat(ThroughputChart.bucket(3_600)).isEqualTo(Duration.ofMillis(100));
		assertThat(ThroughputChart.bucket(59_000)).isEqualTo(Duration.ofSeconds(1));
		assertThat(ThroughputChart.bucket(60_000)).isEqualTo(Duration.ofSeconds(2));
		assertThat(ThroughputChart.bucket(8 * 3_600_000L)).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void throughputCountsEveryImageOnce() {
		// given
		long[] finished = { 1_000, 1_050, 1_999, 2_000, 9_500 };
		// when
		long[] counts = ThroughputChart.counts(finished, Duration.ofSeconds(1));
		// then
		assertThat(counts).containsExactly(3, 1, 0, 0, 0, 0, 0, 0, 1);
	}

	@Test
	void axisTicksAreWholeNumbers() {
		for (long yMax : new long[] { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000 }) {
			assertThat(yMax % Axes.ticks(yMax)).as("max %d", yMax).isZero();
		}
	}

}
