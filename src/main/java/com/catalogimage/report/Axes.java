package com.catalogimage.report;

import java.util.Locale;

/** The y axis with four grid lines that both charts share. */
final class Axes {

	private Axes() {
	}

	static void yAxis(StringBuilder svg, int left, int top, double plotWidth, double plotHeight, long yMax) {
		for (int i = 0; i <= 4; i++) {
			double y = top + plotHeight - plotHeight * i / 4;
			svg.append(String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
					i == 0 ? "axis" : "grid", left, y, left + plotWidth, y));
			double value = yMax * i / 4.0;
			String text = value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
					: String.format(Locale.ROOT, "%.1f", value);
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", left - 4,
					y + 3, text));
		}
	}

}
