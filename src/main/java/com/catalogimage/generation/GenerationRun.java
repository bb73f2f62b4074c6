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
 * <h2>Per JVM now, shared once workers run in other processes</h2>
 * Every worker of an execution runs in this JVM today, so this object is the whole truth. A worker in another process
 * would not see it; what each part must become then (the list the scale-out work starts from, also in
 * docs/ARCHITECTURE.md, "Where a run's state lives"):
 * <ul>
 * <li>the gate and its reason: shared. A row per job execution that workers poll between products and before each
 * call; closing the gate is one conditional update (the first reason wins, as here).</li>
 * <li>the spend budget: shared. What is spent is already in the database (result rows, and the attempt journal for
 * calls of unknown outcome and unrecorded deliveries, which is where {@link GenerationRunFactory} starts it from); a
 * call in flight would be reserved as its journal row, so the check becomes a sum over the journal instead of a
 * counter in memory.</li>
 * <li>the request budget ({@code --rpd}): shared. Today's calls are a count of journal rows since midnight in the
 * quota zone, which is where it starts from now.</li>
 * <li>the skip count: shared. The count of SKIPPED rows of the instance plus the deferred ones, rather than a
 * counter.</li>
 * <li>the deferred skips: shared. A status (or column) on the catalog item instead of a list in memory, settled by
 * the manager step once every worker has ended, as {@link GenerateStepListener#afterStep} does now.</li>
 * <li>the provider's health and the run of identical rejections: per worker is acceptable (an outage or a bad setting
 * shows in every worker's own window, only a little later), or shared as a window over the journal's latest
 * outcomes.</li>
 * <li>the feed's position: replaced by claims with a lease. A worker claims the next few PENDING products in one
 * update (claimed by, lease until); a claim whose lease expires, a worker that died, returns to the pool.</li>
 * </ul>
 * Per JVM for good: the rate limiter ({@link RequestRateLimiter}, one per application context, outside this object),
 * which paces this process's calls. Workers in N processes each pace at their share of the rpm, or share a token
 * bucket in the database.
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
