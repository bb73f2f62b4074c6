package com.catalogimage.report;

import java.util.Arrays;

/**
 * A growable array of primitive longs: a latency per product costs 8 bytes, not a boxed object, so exact percentiles
 * over 100 000 products stay within a megabyte.
 */
final class LongList {

	private long[] values = new long[256];

	private int size;

	void add(long value) {
		if (this.size == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.values.length * 2);
		}
		this.values[this.size++] = value;
	}

	int size() {
		return this.size;
	}

	/** A sorted copy of the values. */
	long[] sorted() {
		long[] copy = Arrays.copyOf(this.values, this.size);
		Arrays.sort(copy);
		return copy;
	}

}
