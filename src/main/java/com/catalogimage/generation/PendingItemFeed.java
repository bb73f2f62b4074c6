package com.catalogimage.job;

import java.util.ArrayDeque;
import java.util.Deque;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.generation.GenerationGate;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one source every partition worker reads from: it pages through the instance's PENDING products in id order and
 * hands each to exactly one worker, so no worker idles while products remain (fixed id ranges would leave threads
 * idle behind one slow range). It keeps no restart state: the PENDING status in the database is the process
 * indicator, so a restart simply finds what is still pending. A singleton reset by the manager step, not a
 * {@code @JobScope} bean, because the job scope is not visible on partition worker threads.
 */
public class PendingItemFeed implements ItemReader<CatalogItem> {

	private static final int PAGE_SIZE = 200;

	private final CatalogItemRepository items;

	private final GenerationGate gate;

	private final TransactionTemplate outsideChunk;

	private final Deque<CatalogItem> page = new ArrayDeque<>();

	private long jobInstanceId = -1;

	private long lastId;

	private boolean exhausted;

	/**
	 * @param transactionManager used to run the page query outside the calling worker's chunk transaction, so that
	 * transaction takes no connection until its writer runs (see LazyConnectionPool)
	 */
	public PendingItemFeed(CatalogItemRepository items, GenerationGate gate,
			PlatformTransactionManager transactionManager) {
		this.items = items;
		this.gate = gate;
		this.outsideChunk = new TransactionTemplate(transactionManager);
		this.outsideChunk.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
	}

	/** Starts a new pass over the instance's pending products (called once per execution of the generate step). */
	public synchronized void reset(long jobInstanceId) {
		this.jobInstanceId = jobInstanceId;
		this.lastId = 0;
		this.exhausted = false;
		this.page.clear();
	}

	@Override
	public synchronized @Nullable CatalogItem read() {
		if (!this.gate.isOpen() || this.jobInstanceId < 0) {
			return null;
		}
		if (this.page.isEmpty() && !this.exhausted) {
			this.page.addAll(this.outsideChunk
				.execute(status -> this.items.pendingAfter(this.jobInstanceId, this.lastId, PAGE_SIZE)));
			this.exhausted = this.page.size() < PAGE_SIZE;
		}
		CatalogItem next = this.page.poll();
		if (next != null) {
			this.lastId = next.id();
		}
		return next;
	}

}
