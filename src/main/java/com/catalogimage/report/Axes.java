package com.catalogimage.report;

import java.util.List;

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

	/** The axis, then a grid line and a label per tick, bottom up. */
	static void yAxis(List<SvgChart.Shape> shapes, int left, int top, double plotWidth, double plotHeight, long yMax) {
		int ticks = ticks(yMax);
		for (int i = 0; i <= ticks; i++) {
			double y = top + plotHeight - plotHeight * i / ticks;
			shapes.add(new SvgChart.Line(i == 0 ? "axis" : "grid", String.valueOf(left), SvgChart.coordinate(y),
					SvgChart.coordinate(left + plotWidth), SvgChart.coordinate(y)));
			shapes.add(new SvgChart.Text(String.valueOf(left - 4), SvgChart.coordinate(y + 3), "end",
					String.valueOf(yMax * i / ticks)));
		}
	}

}
