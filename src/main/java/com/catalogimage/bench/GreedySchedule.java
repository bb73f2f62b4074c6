package com.catalogimage.bench;

import java.util.PriorityQueue;

/**
 * The ideal schedule a run is compared with: {@code slots} call slots take the products in the order given, each slot
 * the next product the very instant it is free, and nothing happens around a call. No schedule that calls each product
 * once, in the order the feed hands them out and without knowing latencies in advance, finishes sooner; what it still
 * loses is the end-of-step tail (the last calls of the slowest slots).
 */
final class GreedySchedule {

	private GreedySchedule() {
	}

	/**
	 * @param durations each product's call duration, in hand-out order (any unit)
	 * @param slots calls in flight at most
	 * @return when the last call ends, counted from the start, in the durations' unit (0 for no products)
	 */
	static long makespan(long[] durations, int slots) {
		if (slots < 1) {
			throw new IllegalArgumentException("slots must be at least 1, was " + slots);
		}
		// the instant each busy slot is free again; a slot not yet used is free at 0
		PriorityQueue<Long> freeAt = new PriorityQueue<>();
		long makespan = 0;
		for (long duration : durations) {
			long start = freeAt.size() < slots ? 0 : freeAt.poll();
			long end = start + duration;
			freeAt.add(end);
			makespan = Math.max(makespan, end);
		}
		return makespan;
	}

}
