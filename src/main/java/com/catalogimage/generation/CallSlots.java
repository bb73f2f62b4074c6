package com.catalogimage.generation;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The calls in flight, as a budget of {@code concurrency} permits: a worker takes one just before its request and gives
 * it back as soon as the answer's body is on disk (or the call failed). The work around a call (cache lookup, quality
 * gate, placement, the chunk's commit) holds no permit, and the step runs a few more workers than permits, so while
 * one worker does that work another is already calling: the provider sees {@code concurrency} calls in flight, not
 * {@code concurrency} minus the workers busy with their own bookkeeping (docs/ARCHITECTURE.md, "Keeping every call
 * slot busy").
 * <p>
 * Per JVM, like the rate limiter: with workers in other processes each process has its own permits.
 */
final class CallSlots {

	/** How often a worker waiting for a permit looks whether the gate closed meanwhile. */
	private static final long GATE_CHECK_MILLIS = 20;

	private final Semaphore permits;

	private final int size;

	CallSlots(int concurrency) {
		if (concurrency < 1) {
			throw new IllegalArgumentException("at least one call slot");
		}
		this.size = concurrency;
		this.permits = new Semaphore(concurrency, true);
	}

	/**
	 * Waits for a permit, first come first served, unless the gate closes first.
	 * @return whether a permit was taken (false: the gate closed, nothing was taken)
	 */
	boolean acquire(GenerationGate gate) throws InterruptedException {
		while (gate.isOpen()) {
			if (this.permits.tryAcquire(GATE_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
				return true;
			}
		}
		return false;
	}

	void release() {
		this.permits.release();
	}

	/** Calls in flight now. */
	int inFlight() {
		return this.size - this.permits.availablePermits();
	}

	int size() {
		return this.size;
	}

}
