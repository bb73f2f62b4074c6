package com.catalogimage.report;

import java.util.List;
import java.util.Locale;

/**
 * A chart as report.html draws it (template {@code chart.jte}): the chart classes compute every coordinate and label
 * here, already formatted, and the template only turns each shape into its SVG element, in this order.
 *
 * @param label the chart's accessible name
 */
record SvgChart(int width, int height, String label, List<Shape> shapes) {

	/** One SVG element of the chart. */
	sealed interface Shape permits Line, Rect, Text {
	}

	record Line(String cssClass, String x1, String y1, String x2, String y2) implements Shape {
	}

	/** A bar with a tooltip. */
	record Rect(String cssClass, String x, String y, String width, String height, String title) implements Shape {
	}

	record Text(String x, String y, String anchor, String text) implements Shape {
	}

	/** A coordinate to a tenth of a unit, with a dot whatever the locale. */
	static String coordinate(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

}
