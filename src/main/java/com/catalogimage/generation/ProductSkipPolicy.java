package com.catalogimage.generation;

import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.batch.core.step.skip.SkipPolicy;

/**
 * Skips only products that can never succeed ({@link ProductSkippedException}), within the run's {@link SkipLimit};
 * beyond it the worker fails and so does the job. Everything else fails the worker.
 */
final class ProductSkipPolicy implements SkipPolicy {

	private final CurrentRun runs;

	ProductSkipPolicy(CurrentRun runs) {
		this.runs = runs;
	}

	@Override
	public boolean shouldSkip(Throwable failure, long stepSkipCount) throws SkipLimitExceededException {
		if (!(failure instanceof ProductSkippedException)) {
			return false;
		}
		SkipLimit limit = this.runs.get().skips();
		if (!limit.take()) {
			throw new SkipLimitExceededException(limit.limit(), failure);
		}
		return true;
	}

}
