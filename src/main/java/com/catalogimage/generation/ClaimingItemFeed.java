package com.catalogimage.generation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.catalog.CatalogItemRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ItemReader;

/**
 * The feed of workers that run in several processes: instead of reading the pending products in memory, this process
 * claims the next few PENDING products of the instance in the database (id order; unclaimed, or whose lease expired
 * because their worker died), so each product goes to one worker of one process. Its worker slots share the claimed
 * few; a claim is small (see {@code claimSize}) so that no process sits on products another process's idle slot could
 * start. The leases are kept by {@link ClaimLeases}.
 * <p>
 * When nothing is claimable but other processes still hold PENDING products on a running lease, the feed waits and
 * asks again rather than ending the worker: if such a process dies, its products become claimable once its leases
 * expire, and some worker must be there to take them. A product's claim ends when its result leaves PENDING; the
 * claims this process made but never started go back when the gate closes, and everything it still holds when its
 * last worker step ends. Like the in-memory feed it keeps no restart state: a restart finds whatever is PENDING.
 */
final class ClaimingItemFeed implements ItemReader<CatalogItem> {

	private final CatalogItemRepository items;

	private final CurrentRun runs;

	private final ClaimLeases leases;

	private final Clock clock;

	private final OutsideChunk outside;

	private final int claimSize;

	private final Duration poll;

	private final Sleeper waiting;

	private final Deque<CatalogItem> claimed = new ArrayDeque<>();

	private int stepsRunning;

	/**
	 * @param claimSize products claimed at once, for every slot of this process
	 * @param poll how long to wait before asking again while other processes hold the last products
	 * @param waiting waits for {@code poll}, or less if the run's gate closes (then returns false)
	 */
	ClaimingItemFeed(CatalogItemRepository items, CurrentRun runs, ClaimLeases leases, Clock clock,
			OutsideChunk outside, int claimSize, Duration poll, Sleeper waiting) {
		this.items = items;
		this.runs = runs;
		this.leases = leases;
		this.clock = clock;
		this.outside = outside;
		this.claimSize = claimSize;
		this.poll = poll;
		this.waiting = waiting;
	}

	@Override
	public synchronized @Nullable CatalogItem read() throws InterruptedException {
		while (true) {
			GenerationRun run = this.runs.find();
			if (run == null || !run.gate().isOpen()) {
				releaseUnstarted();
				return null;
			}
			CatalogItem next = this.claimed.poll();
			if (next != null) {
				return next;
			}
			if (claim(run)) {
				continue;
			}
			if (heldByOthers(run) == 0) {
				return null;
			}
			if (!this.waiting.sleep(this.poll)) {
				releaseUnstarted();
				return null;
			}
		}
	}

	private boolean claim(GenerationRun run) {
		String worker = this.leases.worker().value();
		Instant now = this.clock.instant();
		List<CatalogItem> taken = this.outside.write(() -> this.items.claim(run.jobInstanceId(), run.jobExecutionId(),
				worker, now, now.plus(this.leases.lease()), this.claimSize));
		if (taken.isEmpty()) {
			return false;
		}
		this.leases.keepRenewing();
		this.claimed.addAll(taken);
		return true;
	}

	private long heldByOthers(GenerationRun run) {
		String worker = this.leases.worker().value();
		Instant now = this.clock.instant();
		return this.outside.read(
				() -> this.items.countClaimedByOthers(run.jobInstanceId(), run.jobExecutionId(), worker, now));
	}

	/** The products claimed but not handed to a worker go back to the pool: the gate closed, they will not start. */
	private void releaseUnstarted() {
		if (this.claimed.isEmpty()) {
			return;
		}
		List<Long> ids = this.claimed.stream().map(CatalogItem::id).toList();
		this.claimed.clear();
		this.outside.write(() -> {
			this.items.releaseClaims(this.leases.worker().value(), ids);
			return null;
		});
	}

	/** This process leaves the run: the products it claimed but did not start go back now, not after their lease. */
	synchronized void handBack() {
		releaseUnstarted();
	}

	/** A worker step of this process starts. */
	synchronized void stepStarted() {
		this.stepsRunning++;
	}

	/**
	 * A worker step of this process ended. With the last one, nothing of this process works on a product any more,
	 * so every claim it still holds goes back (products left PENDING by a closed gate, or claimed but not started).
	 */
	synchronized void stepEnded() {
		this.stepsRunning = Math.max(0, this.stepsRunning - 1);
		if (this.stepsRunning == 0) {
			this.claimed.clear();
			this.outside.write(() -> this.items.releaseClaims(this.leases.worker().value()));
		}
	}

}
