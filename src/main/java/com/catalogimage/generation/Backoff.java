package com.catalogimage.generation;

import java.time.Duration;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;

/**
 * Exponential backoff with full jitter (a uniform wait between 0 and {@code min(cap, base × 2^(n-1))}), so workers
 * that failed together do not come back together. A server's hint (Gemini's {@code RetryInfo.retryDelay}, OpenAI's
 * {@code retry-after}) is a floor up to the cap: we never come back earlier than asked, but never wait longer than the
 * cap either (openai-java caps hints at 8 s, openai-python ignores those over 60 s). A hint far beyond the cap is not
 * a wait at all: {@link ProviderCaller} stops the run instead.
 */
final class Backoff {

	private final Duration base;

	private final Duration cap;

	private final RandomGenerator random;

	public Backoff(Duration base, Duration cap, RandomGenerator random) {
		this.base = base;
		this.cap = cap;
		this.random = random;
	}

	/** The wait before attempt {@code failedAttempt + 1}. */
	public Duration delay(int failedAttempt, @Nullable Duration serverHint) {
		double ceiling = Math.min(this.cap.toNanos(), this.base.toNanos() * Math.pow(2, failedAttempt - 1));
		long jittered = (long) (this.random.nextDouble() * ceiling);
		Duration delay = Duration.ofNanos(jittered);
		Duration floor = serverHint == null ? null : capped(serverHint);
		if (floor != null && floor.compareTo(delay) > 0) {
			// Spread the workers a little past the hint instead of having them all return on the same instant.
			long spread = (long) (this.random.nextDouble() * Math.min(this.base.toNanos(), floor.toNanos() / 10 + 1));
			return floor.plusNanos(spread);
		}
		return delay;
	}

	/** A server's hint as far as it is honoured: at most the cap. */
	public Duration capped(Duration serverHint) {
		return serverHint.compareTo(this.cap) > 0 ? this.cap : serverHint;
	}

	public Duration cap() {
		return this.cap;
	}

}
