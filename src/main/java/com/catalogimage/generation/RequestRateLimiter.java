package com.catalogimage.generation;

import java.time.Duration;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * The one Resilience4j {@link RateLimiter} every worker takes a permit from before each attempt, first or retry. It
 * hands out {@code burst} permits every {@code burst × 60 s / rpm}, so requests are spread over the minute instead of
 * arriving as one burst per minute.
 */
public final class RequestRateLimiter {

	/** Long enough that a waiting worker always gets its permit; the limiter reserves them in order. */
	private static final Duration WAIT_FOREVER = Duration.ofDays(1);

	private final RateLimiter limiter;

	private final int rpm;

	public RequestRateLimiter(int rpm, int burst) {
		this.rpm = rpm;
		int permits = burst > 0 ? burst : Math.max(1, rpm / 60);
		Duration period = Duration.ofNanos(Math.round(permits * 60e9 / rpm));
		this.limiter = RateLimiter.of("provider", RateLimiterConfig.custom()
			.limitForPeriod(permits)
			.limitRefreshPeriod(period)
			.timeoutDuration(WAIT_FOREVER)
			.build());
	}

	/** Blocks until a permit is granted and returns how long that took, in nanoseconds. */
	public long acquire() {
		long start = System.nanoTime();
		if (!this.limiter.acquirePermission()) {
			throw new IllegalStateException("rate limiter refused a permit within " + WAIT_FOREVER);
		}
		return System.nanoTime() - start;
	}

	public int rpm() {
		return this.rpm;
	}

}
