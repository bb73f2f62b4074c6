package com.catalogimage.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * An inline SVG histogram of api and total latency side by side per bin. Bins are equal-width from 0 to the 99th
 * percentile of the total latency rounded up to a round number; slower values are counted in one last "more" bin, so
 * one outlier cannot squash the chart. Works on sorted arrays, so its cost is independent of the catalog's size
 * beyond one pass.
 */
final class LatencyHistogram {

	static final int BINS = 20;

	private static final int WIDTH = 560;

	private static final int HEIGHT = 220;

	private static final int LEFT = 40;

	private static final int BOTTOM = 30;

	private static final int TOP = 10;

	private LatencyHistogram() {
	}

	/** Counts per bin: {@code BINS} equal bins of width {@code binWidth}, then one bin for anything above. */
	static long[] counts(long[] sorted, long binWidth) {
		long[] counts = new long[BINS + 1];
		for (long value : sorted) {
			int bin = (int) Math.min(BINS, Math.max(0, value) / binWidth);
			if (value == binWidth * BINS) {
				bin = BINS - 1;
			}
			counts[bin]++;
		}
		return counts;
	}

	static long binWidth(long[] api, long[] total) {
		long[] basis = total.length > 0 ? total : api;
		if (basis.length == 0) {
			return 1;
		}
		long p99 = LatencyStats.nearestRank(basis, 99);
		return NiceScale.ceil(Math.max(1, p99) / (double) BINS);
	}

	/** The chart, or null when no image was generated (the page says so instead). */
	static @Nullable SvgChart chart(long[] api, long[] total) {
		if (api.length == 0 && total.length == 0) {
			return null;
		}
		long width = binWidth(api, total);
		long[] apiCounts = counts(api, width);
		long[] totalCounts = counts(total, width);
		boolean overflow = apiCounts[BINS] + totalCounts[BINS] > 0;
		int bins = overflow ? BINS + 1 : BINS;
		long top = 1;
		for (int i = 0; i < bins; i++) {
			top = Math.max(top, Math.max(apiCounts[i], totalCounts[i]));
		}
		long yMax = NiceScale.ceil(top);
		double plotWidth = WIDTH - LEFT - 10;
		double plotHeight = HEIGHT - TOP - BOTTOM;
		double slot = plotWidth / bins;
		List<SvgChart.Shape> shapes = new ArrayList<>();
		Axes.yAxis(shapes, LEFT, TOP, plotWidth, plotHeight, yMax);
		for (int i = 0; i < bins; i++) {
			double x = LEFT + i * slot;
			bar(shapes, "total", x + slot * 0.1, slot * 0.4, totalCounts[i], yMax, plotHeight, i, width);
			bar(shapes, "api", x + slot * 0.5, slot * 0.4, apiCounts[i], yMax, plotHeight, i, width);
		}
		String labelY = String.valueOf(HEIGHT - BOTTOM + 14);
		for (int i = 0; i <= BINS; i += 5) {
			shapes.add(new SvgChart.Text(SvgChart.coordinate(LEFT + i * slot), labelY, "middle", label(i * width)));
		}
		if (overflow) {
			shapes.add(new SvgChart.Text(SvgChart.coordinate(LEFT + (BINS + 0.5) * slot), labelY, "middle", "more"));
		}
		shapes.add(new SvgChart.Text(SvgChart.coordinate(LEFT + plotWidth / 2), String.valueOf(HEIGHT - 2), "middle",
				"latency per image (bins of " + label(width) + ")"));
		return new SvgChart(WIDTH, HEIGHT, "latency histogram", shapes);
	}

	private static void bar(List<SvgChart.Shape> shapes, String series, double x, double barWidth, long count,
			long yMax, double plotHeight, int bin, long binWidth) {
		if (count == 0) {
			return;
		}
		double height = plotHeight * count / yMax;
		String range = bin == BINS ? "> " + label(BINS * binWidth)
				: label(bin * binWidth) + " to " + label((bin + 1) * binWidth);
		shapes.add(new SvgChart.Rect(series, SvgChart.coordinate(x), SvgChart.coordinate(TOP + plotHeight - height),
				SvgChart.coordinate(barWidth), SvgChart.coordinate(height), series + " " + range + ": " + count));
	}

	/** {@code 800 ms}, {@code 1.5 s}, {@code 12 s}. */
	static String label(long ms) {
		if (ms < 1000) {
			return ms + " ms";
		}
		double s = ms / 1000.0;
		return s == Math.rint(s) ? String.format(Locale.ROOT, "%.0f s", s) : String.format(Locale.ROOT, "%.1f s", s);
	}

}
