package com.catalogimage.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An inline SVG bar chart of images saved per time bucket, from the rows' finish times. The bucket is the smallest
 * round duration that keeps the chart at 60 bars or fewer, so a run of minutes and one of hours both read well.
 */
final class ThroughputChart {

	static final int MAX_BUCKETS = 60;

	private static final List<Duration> BUCKETS = List.of(Duration.ofMillis(100), Duration.ofMillis(200),
			Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
			Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30),
			Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
			Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
			Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7));

	private static final int WIDTH = 560;

	private static final int HEIGHT = 220;

	private static final int LEFT = 40;

	private static final int BOTTOM = 30;

	private static final int TOP = 10;

	private ThroughputChart() {
	}

	static Duration bucket(long spanMillis) {
		for (Duration bucket : BUCKETS) {
			if (spanMillis / bucket.toMillis() + 1 <= MAX_BUCKETS) {
				return bucket;
			}
		}
		return Duration.ofMillis(spanMillis / (MAX_BUCKETS - 1) + 1);
	}

	/** Images per bucket, the first bucket starting at the first finish time. */
	static long[] counts(long[] sortedFinishedAt, Duration bucket) {
		long first = sortedFinishedAt[0];
		long last = sortedFinishedAt[sortedFinishedAt.length - 1];
		long[] counts = new long[(int) ((last - first) / bucket.toMillis()) + 1];
		for (long at : sortedFinishedAt) {
			counts[(int) ((at - first) / bucket.toMillis())]++;
		}
		return counts;
	}

	/** The chart, or null when no image was saved (the page says so instead). */
	static @Nullable SvgChart chart(long[] sortedFinishedAt) {
		if (sortedFinishedAt.length == 0) {
			return null;
		}
		Duration bucket = bucket(sortedFinishedAt[sortedFinishedAt.length - 1] - sortedFinishedAt[0]);
		long[] counts = counts(sortedFinishedAt, bucket);
		long top = 1;
		for (long count : counts) {
			top = Math.max(top, count);
		}
		long yMax = NiceScale.ceil(top);
		double plotWidth = WIDTH - LEFT - 10;
		double plotHeight = HEIGHT - TOP - BOTTOM;
		double slot = plotWidth / Math.max(counts.length, 10);
		List<SvgChart.Shape> shapes = new ArrayList<>();
		Axes.yAxis(shapes, LEFT, TOP, plotWidth, plotHeight, yMax);
		int labelEvery = Math.max(1, counts.length / 6);
		for (int i = 0; i < counts.length; i++) {
			double x = LEFT + i * slot;
			double height = plotHeight * counts[i] / yMax;
			String offset = "+" + Figures.duration(bucket.multipliedBy(i));
			if (counts[i] > 0) {
				shapes.add(new SvgChart.Rect("done", SvgChart.coordinate(x + slot * 0.1),
						SvgChart.coordinate(TOP + plotHeight - height), SvgChart.coordinate(slot * 0.8),
						SvgChart.coordinate(height), offset + ": " + counts[i]));
			}
			if (i % labelEvery == 0) {
				shapes.add(new SvgChart.Text(SvgChart.coordinate(x + slot / 2), String.valueOf(HEIGHT - BOTTOM + 14),
						"middle", offset));
			}
		}
		shapes.add(new SvgChart.Text(SvgChart.coordinate(LEFT + plotWidth / 2), String.valueOf(HEIGHT - 2), "middle",
				"images saved per " + Figures.duration(bucket) + ", from the first"));
		return new SvgChart(WIDTH, HEIGHT, "throughput over time", shapes);
	}

}
