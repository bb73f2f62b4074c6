package com.catalogimage.generation;

/**
 * Keeps every sliding window of {@code windowNanos} at no more than {@code limit} slots, the first window included.
 * <p>
 * A limiter that hands out permits per period cannot promise that on its own: a permit taken late in one period (a
 * worker that was busy) and the permits of the following periods all fall into one minute, one more than the rate.
 * Slots here never go backwards, so only the {@code limit}-th previous slot needs checking: the next one comes at
 * least a window after it.
 * <p>
 * Not thread-safe: the rate limiter calls it under its own lock.
 */
final class SlidingWindowGuard {

	/** The last {@code limit} slots taken, a ring; {@code oldest} is the one the next slot is checked against. */
	private final long[] slots;

	private final long windowNanos;

	private int oldest;

	private long taken;

	private long lastSlot = Long.MIN_VALUE;

	SlidingWindowGuard(int limit, long windowNanos) {
		this.slots = new long[limit];
		this.windowNanos = windowNanos;
	}

	/**
	 * Takes the earliest slot at or after {@code wanted} (and the last slot taken) that keeps every window within the
	 * limit. The slot counts from now on, even if its worker later gives it up.
	 */
	long take(long wanted) {
		long slot = Math.max(wanted, this.lastSlot);
		if (this.taken >= this.slots.length) {
			slot = Math.max(slot, this.slots[this.oldest] + this.windowNanos);
		}
		this.slots[this.oldest] = slot;
		this.oldest = (this.oldest + 1) % this.slots.length;
		this.taken++;
		this.lastSlot = slot;
		return slot;
	}

}
