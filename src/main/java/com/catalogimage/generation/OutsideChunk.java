package com.catalogimage.generation;

import java.util.function.Supplier;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the shared run's SQL (claims, the gate, budgets, deferred skips) beside the calling worker's chunk
 * transaction, never in it: a write must hold whether the chunk commits or not (a closed gate, a claim), and a read
 * inside the chunk would take its connection before the call and hold it for the call's whole duration (see
 * job.LazyConnectionPool).
 */
final class OutsideChunk {

	private final TransactionTemplate reads;

	private final TransactionTemplate writes;

	OutsideChunk(PlatformTransactionManager transactionManager) {
		this.reads = new TransactionTemplate(transactionManager);
		this.reads.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
		this.writes = new TransactionTemplate(transactionManager);
		this.writes.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	<T> T read(Supplier<T> query) {
		return this.reads.execute(status -> query.get());
	}

	/** Commits on return, whatever the caller's transaction does later. */
	<T> T write(Supplier<T> update) {
		return this.writes.execute(status -> update.get());
	}

}
