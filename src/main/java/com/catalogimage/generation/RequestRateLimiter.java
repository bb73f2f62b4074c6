package com.catalogimage.generation;

import java.time.Duration;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import org.jspecify.annotations.Nullable;

/**
 * The one rate limiter every worker takes a permit from before each attempt, first or retry.
 * <p>
 * The hard cap is a Resilience4j {@link RateLimiter} handing out {@code burst} permits every
 * {@code burst × 60 s / rpm} (a refresh every second by default, so requests are spread over the minute rather than
 * sent as one burst), stretched by a small safety margin so network jitter never pushes a provider's sliding-minute
 * count over the configured RPM.
 * <p>
 * In adaptive mode a 429 also halves the pace (once per round trip: only a 429 on a request sent after the last
 * decrease counts), and each success adds a fixed step back until the configured RPM is reached again (AIMD), so a
 * provider whose real limit is below the configured RPM is converged on instead of stormed. A 429 that says when the
 * quota frees up (Gemini's RetryInfo, OpenAI's retry-after) pauses every worker until then, not just the one that got
 * it: the quota is shared, and requests sent into an exhausted window only earn more 429s.
 * <p>
 * With the default burst ({@code rpm / 60} per period) and margin (2 %), no sliding 60-second window ever holds more
 * than the configured RPM: at most {@code (60 / 1.02 + 1) × rpm / 60 ≈ 0.997 × rpm} requests fall into one.
 */
public final class RequestRateLimiter {

	/** Long enough that a waiting worker always gets its permit; the limiter reserves them in order. */
	private static final Duration WAIT_FOREVER = Duration.ofDays(1);

	private final RateLimiter limiter;

	private final int rpm;

	private final boolean adaptive;

	private final double minRpm;

	private final double increasePerSuccess;

	private double currentRpm;

	private long lastDecreaseNanos = Long.MIN_VALUE;

	private long nextSlotNanos = Long.MIN_VALUE;

	private long pausedUntilNanos = Long.MIN_VALUE;

	/**
	 * @param rpm the configured requests per minute, never exceeded
	 * @param burst permits handed out together; 0 for {@code rpm / 60}
	 * @param margin share by which the refresh period is stretched (0.02 = 2 %)
	 * @param adaptive whether 429s lower the pace
	 */
	public RequestRateLimiter(int rpm, int burst, double margin, boolean adaptive) {
		this.rpm = rpm;
		this.adaptive = adaptive;
		this.currentRpm = rpm;
		this.minRpm = Math.max(0.5, rpm / 64.0);
		this.increasePerSuccess = Math.max(0.5, rpm / 400.0);
		int permits = burst > 0 ? burst : Math.max(1, rpm / 60);
		Duration period = Duration.ofNanos(Math.round(permits * 60e9 / rpm * (1 + margin)));
		this.limiter = RateLimiter.of("provider", RateLimiterConfig.custom()
			.limitForPeriod(permits)
			.limitRefreshPeriod(period)
			.timeoutDuration(WAIT_FOREVER)
			.build());
	}

	public RequestRateLimiter(int rpm, int burst) {
		this(rpm, burst, 0.02, false);
	}

	/** Blocks until a permit is granted and returns how long that took, in nanoseconds. */
	public long acquire() throws InterruptedException {
		long start = System.nanoTime();
		if (!this.limiter.acquirePermission()) {
			throw new IllegalStateException("rate limiter refused a permit within " + WAIT_FOREVER);
		}
		long slot = adaptiveSlot();
		long wait = slot - System.nanoTime();
		if (wait > 0) {
			Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
		}
		return System.nanoTime() - start;
	}

	/** Below the configured rate after a 429, calls are spaced evenly at the adaptive rate. */
	private synchronized long adaptiveSlot() {
		long now = Math.max(System.nanoTime(), this.pausedUntilNanos);
		if (this.currentRpm >= this.rpm) {
			this.nextSlotNanos = now;
			return now;
		}
		long slot = Math.max(now, this.nextSlotNanos);
		this.nextSlotNanos = slot + Math.round(60e9 / this.currentRpm);
		return slot;
	}

	/**
	 * A call that was sent at {@code sentAtNanos} got a 429.
	 * @param quotaFreesIn the server's hint when the quota frees up, or null
	 */
	public synchronized void rateLimited(long sentAtNanos, @Nullable Duration quotaFreesIn) {
		if (!this.adaptive) {
			return;
		}
		long now = System.nanoTime();
		if (quotaFreesIn != null) {
			this.pausedUntilNanos = Math.max(this.pausedUntilNanos, now + quotaFreesIn.toNanos());
		}
		if (sentAtNanos < this.lastDecreaseNanos) {
			return;
		}
		this.currentRpm = Math.max(this.minRpm, this.currentRpm / 2);
		this.lastDecreaseNanos = now;
	}

	/** A call succeeded: creep back towards the configured rate. */
	public synchronized void succeeded() {
		if (this.adaptive && this.currentRpm < this.rpm) {
			this.currentRpm = Math.min(this.rpm, this.currentRpm + this.increasePerSuccess);
		}
	}

	public int rpm() {
		return this.rpm;
	}

	/** The pace in force now, in requests per minute. */
	public synchronized double currentRpm() {
		return this.currentRpm;
	}

}
