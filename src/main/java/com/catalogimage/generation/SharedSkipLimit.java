package com.catalogimage.generation;

import java.math.BigDecimal;

/**
 * The skip limit of workers in several processes: the skips so far are the instance's SKIPPED products plus those
 * the execution deferred, counted in the database, so a limit is one limit for all processes.
 */
final class SharedSkipLimit extends SkipLimit {

	private final DatabaseTally skipped;

	SharedSkipLimit(DatabaseTally skipped, long limit) {
		super(0, limit);
		this.skipped = skipped;
	}

	@Override
	boolean take() {
		synchronized (this.skipped) {
			long before = this.skipped.current().longValue();
			this.skipped.add(BigDecimal.ONE);
			return before + 1 <= limit();
		}
	}

}
