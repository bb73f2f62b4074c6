package com.catalogimage.generation;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many products a run may skip before it fails, counted across all workers and across the instance's executions:
 * that many failures say something is wrong with the run rather than with the products.
 */
class SkipLimit {

	private final AtomicLong skipped;

	private final long limit;

	/** Counts for an execution, from {@code alreadySkipped} by earlier executions of the same instance. */
	SkipLimit(long alreadySkipped, long limit) {
		this.skipped = new AtomicLong(alreadySkipped);
		this.limit = limit;
	}

	/** Counts one more skip; false when that is one too many. */
	boolean take() {
		return this.skipped.incrementAndGet() <= this.limit;
	}

	long limit() {
		return this.limit;
	}

}
