package com.catalogimage.report;

import java.util.Locale;

/** The y axis with grid lines that both charts share; counts are whole, so every tick is a whole number. */
final class Axes {

	private Axes() {
	}

	/** Ticks above zero for a maximum that {@link NiceScale} chose (1, 2 or 5 × 10^k). */
	static int ticks(long yMax) {
		if (yMax == 1) {
			return 1;
		}
		return yMax % 5 == 0 ? 5 : yMax % 4 == 0 ? 4 : 2;
	}

	static void yAxis(StringBuilder svg, int left, int top, double plotWidth, double plotHeight, long yMax) {
		int ticks = ticks(yMax);
		for (int i = 0; i <= ticks; i++) {
			double y = top + plotHeight - plotHeight * i / ticks;
			svg.append(String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
					i == 0 ? "axis" : "grid", left, y, left + plotWidth, y));
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>", left - 4,
					y + 3, yMax * i / ticks));
		}
	}

}
