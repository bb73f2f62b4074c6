package com.catalogimage.generation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.catalogimage.catalog.CatalogItemRepository;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leases on the products this process claimed, one per process: a claim lasts {@code lease}, and while the
 * process lives one statement every third of it extends all of its claims at once (not one per product, however many
 * it holds). A process that died stops renewing, so its products fall back to the pool once its leases expired.
 */
final class ClaimLeases implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ClaimLeases.class);

	private final CatalogItemRepository items;

	private final WorkerIdentity worker;

	private final Duration lease;

	private final Clock clock;

	private final OutsideChunk outside;

	/** Whether {@link #keepRenewing} starts the renewing thread (a test renews by hand instead). */
	private final boolean renewInBackground;

	private @Nullable ScheduledExecutorService renewer;

	ClaimLeases(CatalogItemRepository items, WorkerIdentity worker, Duration lease, Clock clock, OutsideChunk outside) {
		this(items, worker, lease, clock, outside, true);
	}

	ClaimLeases(CatalogItemRepository items, WorkerIdentity worker, Duration lease, Clock clock, OutsideChunk outside,
			boolean renewInBackground) {
		this.renewInBackground = renewInBackground;
		this.items = items;
		this.worker = worker;
		this.lease = lease;
		this.clock = clock;
		this.outside = outside;
	}

	WorkerIdentity worker() {
		return this.worker;
	}

	Duration lease() {
		return this.lease;
	}

	/** Until when a claim made or renewed now holds. */
	Instant until() {
		return this.clock.instant().plus(this.lease);
	}

	/** Extends every claim this process holds on a PENDING product by a full lease. */
	int renew() {
		Integer renewed = this.outside.write(() -> this.items.renewClaims(this.worker.value(), until()));
		return renewed == null ? 0 : renewed;
	}

	/** Renews every third of the lease from now on, on a daemon thread started with the first claim. */
	synchronized void keepRenewing() {
		if (this.renewer != null || !this.renewInBackground) {
			return;
		}
		ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "claim-lease");
			thread.setDaemon(true);
			return thread;
		});
		long period = Math.max(1, this.lease.toMillis() / 3);
		renewer.scheduleWithFixedDelay(this::renewQuietly, period, period, TimeUnit.MILLISECONDS);
		this.renewer = renewer;
	}

	private void renewQuietly() {
		try {
			renew();
		}
		catch (RuntimeException ex) {
			// the next renewal may reach the database again; the lease is three periods long
			log.warn("Could not renew the claims of {} ({}); retrying in {} s", this.worker,
					ex.getClass().getSimpleName(), this.lease.toSeconds() / 3);
		}
	}

	@Override
	public synchronized void close() {
		if (this.renewer != null) {
			this.renewer.shutdownNow();
			this.renewer = null;
		}
	}

}
