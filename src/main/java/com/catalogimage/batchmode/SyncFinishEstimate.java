package com.catalogimage.batchmode;

import java.time.Duration;
import java.time.Instant;

/**
 * How long finishing {@code remaining} products synchronously takes, and so the latest moment {@code auto} can switch
 * to synchronous calls and still meet its deadline:
 * {@code (remaining × max(60 s / rpm, p90 / concurrency) + p99) × (1 + margin) + 3 × poll}. The pace is the slower of
 * the rate limit and the workers' own (each worker takes a p90 call at a time); the slowest call (p99) is added once,
 * the margin covers retries and noise, and three polls leave time to notice the moment and cancel the batches.
 *
 * @param remaining products not done yet
 * @param p90 the 90th percentile of a call's latency (from this provider, model and size's earlier synchronous
 * results, else the typical latency for the size)
 * @param p99 the 99th percentile
 */
public record SyncFinishEstimate(long remaining, int rpm, int concurrency, Duration p90, Duration p99, double margin,
		Duration poll) {

	/** The time to finish synchronously, allowances included. */
	public Duration duration() {
		long perProductNanos = Math.max(Duration.ofMinutes(1).toNanos() / this.rpm,
				this.p90.toNanos() / this.concurrency);
		double calls = (double) this.remaining * perProductNanos + this.p99.toNanos();
		return Duration.ofNanos(Math.round(calls * (1 + this.margin))).plus(this.poll.multipliedBy(3));
	}

	/** The deadline less {@link #duration()}: after it, the rest must be done synchronously. */
	public Instant latestSafeSwitch(Instant deadline) {
		return deadline.minus(duration());
	}

}
