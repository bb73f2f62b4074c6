package com.catalogimage.generation;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many products a run may skip before it fails, counted across all workers and across the instance's executions:
 * that many failures say something is wrong with the run rather than with the products.
 */
public final class SkipLimit {

	private final AtomicLong skipped = new AtomicLong();

	private volatile long limit = Long.MAX_VALUE;

	/** Starts counting for an execution: {@code alreadySkipped} by earlier executions of the same instance. */
	public void reset(long alreadySkipped, long limit) {
		this.skipped.set(alreadySkipped);
		this.limit = limit;
	}

	/** Counts one more skip; false when that is one too many. */
	public boolean take() {
		return this.skipped.incrementAndGet() <= this.limit;
	}

	public long limit() {
		return this.limit;
	}

}
