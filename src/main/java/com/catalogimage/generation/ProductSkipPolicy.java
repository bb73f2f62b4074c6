package com.catalogimage.job;

import com.catalogimage.generation.ProductSkippedException;
import com.catalogimage.generation.SkipLimit;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.batch.core.step.skip.SkipPolicy;

/**
 * Skips only products that can never succeed ({@link ProductSkippedException}), within the run's {@link SkipLimit};
 * beyond it the worker fails and so does the job. Everything else fails the worker.
 */
public class ProductSkipPolicy implements SkipPolicy {

	private final SkipLimit limit;

	public ProductSkipPolicy(SkipLimit limit) {
		this.limit = limit;
	}

	@Override
	public boolean shouldSkip(Throwable failure, long stepSkipCount) throws SkipLimitExceededException {
		if (!(failure instanceof ProductSkippedException)) {
			return false;
		}
		if (!this.limit.take()) {
			throw new SkipLimitExceededException(this.limit.limit(), failure);
		}
		return true;
	}

}
