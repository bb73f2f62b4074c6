package com.catalogimage.generation;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.catalog.CatalogItemRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one source every partition worker reads from: it pages through the instance's PENDING products in id order and
 * hands each to exactly one worker, so no worker idles while products remain (fixed id ranges would leave threads
 * idle behind one slow range). It keeps no restart state: the PENDING status in the database is the process
 * indicator, so a restart simply finds what is still pending. Where it has got to in this execution is part of the
 * execution's {@link GenerationRun}; the feed itself is a singleton, since the job scope is not visible on partition
 * worker threads.
 */
final class PendingItemFeed implements ItemReader<CatalogItem> {

	private static final int PAGE_SIZE = 200;

	private final CatalogItemRepository items;

	private final CurrentRun runs;

	private final TransactionTemplate outsideChunk;

	/**
	 * @param transactionManager used to run the page query outside the calling worker's chunk transaction, so that
	 * transaction takes no connection until its writer runs (see job.LazyConnectionPool)
	 */
	PendingItemFeed(CatalogItemRepository items, CurrentRun runs, PlatformTransactionManager transactionManager) {
		this.items = items;
		this.runs = runs;
		this.outsideChunk = new TransactionTemplate(transactionManager);
		this.outsideChunk.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
	}

	@Override
	public synchronized @Nullable CatalogItem read() {
		GenerationRun run = this.runs.find();
		if (run == null || !run.gate().isOpen()) {
			return null;
		}
		return run.feed()
			.next(PAGE_SIZE, lastId -> this.outsideChunk
				.execute(status -> this.items.pendingAfter(run.jobInstanceId(), lastId, PAGE_SIZE)));
	}

}
