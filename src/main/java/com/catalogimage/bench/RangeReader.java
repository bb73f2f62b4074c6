package com.catalogimage.bench;

import java.util.ArrayDeque;
import java.util.Deque;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.generation.CurrentRun;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the pending products of one fixed id range, in id order: the worker reader of the fixed-ranges baseline. Not
 * final: step scope proxies it by class.
 */
class RangeReader implements ItemReader<CatalogItem> {

	private final CatalogItemRepository items;

	private final CurrentRun run;

	private final TransactionTemplate outsideChunk;

	private final long jobInstanceId;

	private final long firstId;

	private final long lastId;

	private final int count;

	private @Nullable Deque<CatalogItem> range;

	RangeReader(CatalogItemRepository items, CurrentRun run, TransactionTemplate outsideChunk,
			long jobInstanceId, long firstId, long lastId, int count) {
		this.items = items;
		this.run = run;
		this.outsideChunk = outsideChunk;
		this.jobInstanceId = jobInstanceId;
		this.firstId = firstId;
		this.lastId = lastId;
		this.count = count;
	}

	static RangeReader of(CatalogItemRepository items, CurrentRun run,
			PlatformTransactionManager transactionManager, StepExecution stepExecution) {
		// like the shared feed, query outside the chunk transaction so it takes a connection only to write
		TransactionTemplate outsideChunk = new TransactionTemplate(transactionManager);
		outsideChunk.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
		ExecutionContext context = stepExecution.getExecutionContext();
		return new RangeReader(items, run, outsideChunk,
				stepExecution.getJobExecution().getJobInstance().getInstanceId(),
				context.getLong(FixedRangePartitioner.FIRST_ID), context.getLong(FixedRangePartitioner.LAST_ID),
				context.getInt(FixedRangePartitioner.COUNT));
	}

	@Override
	public @Nullable CatalogItem read() {
		if (!this.run.isOpen()) {
			return null;
		}
		if (this.range == null) {
			this.range = new ArrayDeque<>();
			this.outsideChunk
				.execute(status -> this.items.pendingAfter(this.jobInstanceId, this.firstId - 1, this.count))
				.stream()
				.filter(item -> item.id() <= this.lastId)
				.forEach(this.range::add);
		}
		return this.range.poll();
	}

}
