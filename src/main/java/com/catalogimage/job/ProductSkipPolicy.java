package com.catalogimage.job;

import java.util.concurrent.atomic.AtomicLong;

import com.catalogimage.generation.ProductSkippedException;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.batch.core.step.skip.SkipPolicy;

/**
 * Skips only products that can never succeed ({@link ProductSkippedException}), up to a limit counted across all
 * workers and across the instance's executions; beyond it the job fails, because that many failures say something is
 * wrong with the run rather than with the products. Everything else fails the worker.
 */
public class ProductSkipPolicy implements SkipPolicy {

	private final AtomicLong skipped = new AtomicLong();

	private volatile long limit = Long.MAX_VALUE;

	/** Starts counting for an execution: {@code alreadySkipped} by earlier executions of the same instance. */
	public void reset(long alreadySkipped, long limit) {
		this.skipped.set(alreadySkipped);
		this.limit = limit;
	}

	@Override
	public boolean shouldSkip(Throwable failure, long stepSkipCount) throws SkipLimitExceededException {
		if (!(failure instanceof ProductSkippedException)) {
			return false;
		}
		long count = this.skipped.incrementAndGet();
		if (count > this.limit) {
			throw new SkipLimitExceededException(this.limit, failure);
		}
		return true;
	}

	public long limit() {
		return this.limit;
	}

}
