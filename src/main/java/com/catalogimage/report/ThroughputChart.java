package com.catalogimage.report;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

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

	static String svg(long[] sortedFinishedAt) {
		if (sortedFinishedAt.length == 0) {
			return "<p class=\"note\">No image was saved, so there is no throughput to show.</p>";
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
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"throughput over time\">", WIDTH, HEIGHT));
		Axes.yAxis(svg, LEFT, TOP, plotWidth, plotHeight, yMax);
		int labelEvery = Math.max(1, counts.length / 6);
		for (int i = 0; i < counts.length; i++) {
			double x = LEFT + i * slot;
			double height = plotHeight * counts[i] / yMax;
			if (counts[i] > 0) {
				svg.append(String.format(Locale.ROOT,
						"<rect class=\"done\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s: %d</title></rect>",
						x + slot * 0.1, TOP + plotHeight - height, slot * 0.8, height,
						Html.escape("+" + Figures.duration(bucket.multipliedBy(i))), counts[i]));
			}
			if (i % labelEvery == 0) {
				svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
						x + slot / 2, HEIGHT - BOTTOM + 14, Html.escape("+" + Figures.duration(bucket.multipliedBy(i)))));
			}
		}
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">images saved per %s, from the first</text>",
				LEFT + plotWidth / 2, HEIGHT - 2, Html.escape(Figures.duration(bucket))));
		svg.append("</svg>");
		return svg.toString();
	}

}
