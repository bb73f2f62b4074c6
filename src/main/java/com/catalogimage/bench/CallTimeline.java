package com.catalogimage.bench;

import java.util.Arrays;

/**
 * How many calls were in flight over a stretch of a run, from each call's start and end instants (nanoseconds on one
 * clock): the share of that stretch during which fewer than {@code concurrency} calls were out, and how many were out
 * on average.
 */
final class CallTimeline {

	/**
	 * @param window the stretch measured, in nanoseconds
	 * @param belowNanos the part of it with fewer than {@code concurrency} calls in flight
	 * @param callNanos calls in flight integrated over the stretch (call-nanoseconds)
	 */
	record Occupancy(long window, long belowNanos, long callNanos) {

		static final Occupancy NONE = new Occupancy(0, 0, 0);

		/** The share of the stretch with fewer calls in flight than allowed; 0 for an empty stretch. */
		double shareBelow() {
			return this.window <= 0 ? 0 : (double) this.belowNanos / this.window;
		}

		/** Calls in flight on average over the stretch; 0 for an empty stretch. */
		double meanInFlight() {
			return this.window <= 0 ? 0 : (double) this.callNanos / this.window;
		}

	}

	private final long[] starts;

	private final long[] ends;

	/** @param starts and {@code ends}: call i ran from {@code starts[i]} to {@code ends[i]} */
	CallTimeline(long[] starts, long[] ends) {
		if (starts.length != ends.length) {
			throw new IllegalArgumentException(starts.length + " starts but " + ends.length + " ends");
		}
		this.starts = starts.clone();
		this.ends = ends.clone();
		Arrays.sort(this.starts);
		Arrays.sort(this.ends);
	}

	int calls() {
		return this.starts.length;
	}

	/** When the last call started, or {@link Long#MIN_VALUE} when there was none. */
	long lastStart() {
		return this.starts.length == 0 ? Long.MIN_VALUE : this.starts[this.starts.length - 1];
	}

	/**
	 * Sweeps the calls' starts and ends from {@code from} to {@code to}. A call ending at the instant another starts
	 * leaves no gap.
	 */
	Occupancy between(long from, long to, int concurrency) {
		if (to <= from) {
			return Occupancy.NONE;
		}
		int started = 0;
		int ended = 0;
		while (started < this.starts.length && this.starts[started] <= from) {
			started++;
		}
		while (ended < this.ends.length && this.ends[ended] <= from) {
			ended++;
		}
		long below = 0;
		long callNanos = 0;
		long at = from;
		while (at < to) {
			long next = to;
			if (started < this.starts.length) {
				next = Math.min(next, this.starts[started]);
			}
			if (ended < this.ends.length) {
				next = Math.min(next, this.ends[ended]);
			}
			int inFlight = started - ended;
			if (inFlight < concurrency) {
				below += next - at;
			}
			callNanos += inFlight * (next - at);
			at = next;
			while (started < this.starts.length && this.starts[started] == at) {
				started++;
			}
			while (ended < this.ends.length && this.ends[ended] == at) {
				ended++;
			}
		}
		return new Occupancy(to - from, below, callNanos);
	}

}
