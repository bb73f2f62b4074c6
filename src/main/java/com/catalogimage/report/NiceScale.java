package com.catalogimage.report;

/** Round numbers for chart axes: 1, 2 or 5 times a power of ten. */
final class NiceScale {

	private NiceScale() {
	}

	/** The smallest 1/2/5 × 10^k that is at least {@code value} (and at least 1). */
	static long ceil(double value) {
		if (value <= 1) {
			return 1;
		}
		long power = 1;
		while (true) {
			for (long factor : new long[] { 1, 2, 5 }) {
				if (factor * power >= value) {
					return factor * power;
				}
			}
			power *= 10;
		}
	}

}
