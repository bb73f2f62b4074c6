package com.catalogimage.generation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.LongFunction;

import com.catalogimage.catalog.CatalogItem;
import org.jspecify.annotations.Nullable;

/**
 * What one execution of the generate step decides while it runs: whether it may go on (the gate, and why it closed),
 * the request and spend budgets, the skip count against its limit, the provider's health, the products whose skip
 * waits for the step's verdict, the run of identical rejections, and how far the shared feed has read. Opened by
 * {@link GenerateStepListener} before the partitions start and dropped with the execution, so nothing of one
 * execution can leak into the next; every worker reads it through {@link CurrentRun}.
 *
 * <h2>One JVM, or workers in several processes</h2>
 * With every worker in this JVM (the default) this object is the whole truth, in memory. With workers in other
 * processes ({@code imagebatch.remote.enabled=true}) every process has a run of its own for the execution, opened by
 * {@link SharedRunFactory}, and what they must agree on lives in the database (also in docs/ARCHITECTURE.md, "Where a
 * run's state lives"):
 * <ul>
 * <li>the gate and its reason: the execution's {@code run_gate} row, read at most once a second by an open gate;
 * closing it is one conditional update, so the first reason wins in every process.</li>
 * <li>the spend budget ({@link SharedSpendBudget}): the result rows' cost plus the journal's calls that no row
 * prices yet at their flat price, where a call in flight is reserved by its journal row.</li>
 * <li>the request budget ({@link SharedRequestBudget}): the count of journal rows since midnight in the quota
 * zone.</li>
 * <li>the skip count ({@link SharedSkipLimit}): the SKIPPED rows of the instance plus the deferred ones.</li>
 * <li>the deferred skips ({@link SharedDeferredSkips}): columns on the catalog item, settled by the manager step once
 * every worker has ended.</li>
 * <li>the provider's health and the run of identical rejections: per process (an outage or a bad setting shows in
 * every process's own window, only a little later).</li>
 * <li>the feed's position: not used; {@link ClaimingItemFeed} claims products with a lease instead.</li>
 * </ul>
 * Outside this object, one per application context: the rate limiter ({@link RequestRateLimiter}), which paces this
 * process's calls; in remote mode it takes its permits from a token bucket all processes share
 * ({@link SharedRateLimit}).
 */
final class GenerationRun {

	private final long jobInstanceId;

	private final long jobExecutionId;

	private final GenerationGate gate;

	private final SkipLimit skips;

	private final ProviderHealth health;

	private final RepeatedRejections rejections;

	private final DeferredSkips deferred;

	private final RequestBudget requests;

	private final SpendBudget spend;

	private final FeedPosition feed = new FeedPosition();

	/** A run of this process only: its gate and deferred skips in memory. */
	GenerationRun(long jobInstanceId, SkipLimit skips, ProviderHealth health, RepeatedRejections rejections,
			RequestBudget requests, SpendBudget spend) {
		this(jobInstanceId, -1, new GenerationGate(), skips, health, rejections, new DeferredSkips(), requests, spend);
	}

	/**
	 * @param jobExecutionId the job execution the run belongs to, or -1 where no one asks (a run of one process)
	 * @param gate the gate, of this process or shared through the database
	 * @param deferred where deferred skips wait, in memory or in the database
	 */
	GenerationRun(long jobInstanceId, long jobExecutionId, GenerationGate gate, SkipLimit skips, ProviderHealth health,
			RepeatedRejections rejections, DeferredSkips deferred, RequestBudget requests, SpendBudget spend) {
		this.jobInstanceId = jobInstanceId;
		this.jobExecutionId = jobExecutionId;
		this.gate = gate;
		this.deferred = deferred;
		this.skips = skips;
		this.health = health;
		this.rejections = rejections;
		this.requests = requests;
		this.spend = spend;
	}

	long jobInstanceId() {
		return this.jobInstanceId;
	}

	long jobExecutionId() {
		return this.jobExecutionId;
	}

	GenerationGate gate() {
		return this.gate;
	}

	SkipLimit skips() {
		return this.skips;
	}

	ProviderHealth health() {
		return this.health;
	}

	RepeatedRejections rejections() {
		return this.rejections;
	}

	DeferredSkips deferred() {
		return this.deferred;
	}

	RequestBudget requests() {
		return this.requests;
	}

	SpendBudget spend() {
		return this.spend;
	}

	FeedPosition feed() {
		return this.feed;
	}

	/**
	 * How far the shared feed has read the instance's PENDING products, in id order: the page it hands out from and
	 * the last id handed out. Guarded by the feed, which reads one product at a time for all workers.
	 */
	static final class FeedPosition {

		private final Deque<CatalogItem> page = new ArrayDeque<>();

		private long lastId;

		private boolean exhausted;

		/**
		 * The next product, reading a page when the last one is used up.
		 * @param pageAfter reads the pending products after an id, at most {@code pageSize} of them
		 */
		@Nullable CatalogItem next(int pageSize, LongFunction<List<CatalogItem>> pageAfter) {
			if (this.page.isEmpty() && !this.exhausted) {
				this.page.addAll(pageAfter.apply(this.lastId));
				this.exhausted = this.page.size() < pageSize;
			}
			CatalogItem next = this.page.poll();
			if (next != null) {
				this.lastId = next.id();
			}
			return next;
		}

	}

}
