package com.catalogimage.generation;

import java.time.Duration;
import java.util.function.LongSupplier;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rate limiter every worker takes a permit from before each attempt, first or retry.
 * <p>
 * Each permit is a time slot reserved in order, under two rules:
 * <ul>
 * <li>pacing, by a Resilience4j {@link RateLimiter}: {@code burst} permits every {@code burst × 60 s / rpm} (a second
 * by default), so requests are spread over the minute rather than sent as one burst. It is created at the first
 * request, because it counts its periods from its creation: built with the job, a first call late in the first
 * period (staging runs in between) got that period's permit and the next one a moment later;</li>
 * <li>the hard cap, by a {@link SlidingWindowGuard}: at most {@code rpm} slots in any sliding window of 60 s, first
 * minute included, whatever the burst. Per-period pacing alone puts a permit taken late in one period together with
 * a full minute of later periods' permits.</li>
 * </ul>
 * Both periods are stretched by a small margin so that a request sent a little after its slot (thread wake-up, the
 * journal write) never pushes a provider's sliding-minute count over the configured RPM. Resilience4j only reserves
 * ({@link RateLimiter#reservePermission(int)}, on the injected clock); the wait itself goes through the injected
 * {@link Sleeper}, so a closing gate wakes waiting workers and tests run on a fake clock.
 * <p>
 * In adaptive mode a 429 also halves the pace (once per round trip: only a 429 on a request sent after the last
 * decrease counts), and each success adds a fixed step back until the configured RPM is reached again (AIMD), so a
 * provider whose real limit is below the configured RPM is converged on instead of stormed. The slower pace is an
 * even spacing of our own rather than Resilience4j's {@code changeLimitForPeriod}: a period's limit is a whole number
 * of permits, so at the default burst (one permit a period below 120 rpm) half the pace cannot be expressed.
 * A 429 that says when the quota frees up (Gemini's RetryInfo, OpenAI's retry-after) pauses every worker until then,
 * not just the one that got it: the quota is shared, and requests sent into an exhausted window only earn more 429s.
 * The pause is capped at {@code maxPause} (the backoff cap): a hint far beyond it is the caller's to turn into a stop.
 * <p>
 * In remote mode (several worker processes) the permits and the pause come from a {@link SharedRateLimit} in the job
 * database instead, so the rpm and a 429's pause hold for all processes together; the adaptive pace stays this
 * process's own, an extra even spacing of its calls before it asks the shared limit for a permit.
 */
final class RequestRateLimiter {

	private static final Logger log = LoggerFactory.getLogger(RequestRateLimiter.class);

	private static final long MINUTE_NANOS = 60_000_000_000L;

	/** How far ahead a permit may be reserved: far enough that a waiting worker always gets one, in order. */
	private static final Duration RESERVE_AHEAD = Duration.ofDays(1);

	/**
	 * @param rpm the configured requests per minute, never exceeded in any sliding minute
	 * @param burst permits handed out together; 0 for {@code rpm / 60}
	 * @param margin share by which the periods are stretched (0.02 = 2 %)
	 * @param adaptive whether 429s lower the pace and their hints pause every worker
	 * @param maxPause the longest a 429's hint may pause every worker
	 */
	public record Settings(int rpm, int burst, double margin, boolean adaptive, Duration maxPause) {

		public Settings {
			if (rpm < 1) {
				throw new IllegalArgumentException("rpm must be at least 1");
			}
		}

	}

	private final int rpm;

	private final RateLimiterConfig pacing;

	private final SlidingWindowGuard window;

	private final boolean adaptive;

	private final long maxPauseNanos;

	private final LongSupplier nanoTime;

	private final Sleeper sleeper;

	private final double minRpm;

	private final double increasePerSuccess;

	/** Where permits come from in remote mode; null for this process's own pacing and sliding minute. */
	private final @Nullable SharedRateLimit shared;

	/** Created at the first request, so that its periods count from there. */
	private @Nullable RateLimiter pacer;

	private double currentRpm;

	private long lastDecreaseNanos = Long.MIN_VALUE;

	private long nextAdaptiveSlot = Long.MIN_VALUE;

	private long pausedUntilNanos = Long.MIN_VALUE;

	/**
	 * @param nanoTime the clock slots are measured on ({@code System::nanoTime})
	 * @param sleeper how a worker waits for its slot; returning false (the gate closed) ends the wait early, and the
	 * caller must then check the gate before calling
	 */
	public RequestRateLimiter(Settings settings, LongSupplier nanoTime, Sleeper sleeper) {
		this(settings, nanoTime, sleeper, null);
	}

	/**
	 * @param shared the limit all worker processes share, which then hands out the permits and keeps the pauses
	 */
	RequestRateLimiter(Settings settings, LongSupplier nanoTime, Sleeper sleeper, @Nullable SharedRateLimit shared) {
		this.shared = shared;
		this.rpm = settings.rpm();
		int burst = settings.burst() > 0 ? settings.burst() : Math.max(1, this.rpm / 60);
		double stretch = 1 + Math.max(0, settings.margin());
		this.pacing = RateLimiterConfig.custom()
			.limitForPeriod(burst)
			.limitRefreshPeriod(Duration.ofNanos(Math.round(burst * 60e9 / this.rpm * stretch)))
			.timeoutDuration(RESERVE_AHEAD)
			.build();
		this.window = new SlidingWindowGuard(this.rpm, Math.round(MINUTE_NANOS * stretch));
		this.adaptive = settings.adaptive();
		this.maxPauseNanos = settings.maxPause().toNanos();
		this.nanoTime = nanoTime;
		this.sleeper = sleeper;
		this.currentRpm = this.rpm;
		this.minRpm = Math.max(0.5, this.rpm / 64.0);
		this.increasePerSuccess = Math.max(0.5, this.rpm / 400.0);
	}

	/** A plain limiter on the system clock: not adaptive, 2 % margin. */
	public RequestRateLimiter(int rpm, int burst) {
		this(new Settings(rpm, burst, 0.02, false, Duration.ofMinutes(1)), System::nanoTime,
				duration -> {
					long nanos = duration.toNanos();
					Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
					return true;
				});
	}

	/**
	 * Blocks until this worker's slot and returns how long that took, in nanoseconds. Returns early when the sleeper
	 * says the gate closed.
	 */
	public long acquire() throws InterruptedException {
		if (this.shared != null) {
			return acquireShared(this.shared);
		}
		long start = this.nanoTime.getAsLong();
		long slot;
		do {
			// No permit is reserved during a pause: reserved then, they would all fall due at its end, as one burst.
			if (!waitUntil(pausedUntil())) {
				break;
			}
			slot = reserve();
			if (!waitUntil(slot)) {
				break;
			}
			// A 429 that paused every worker while this one waited makes it give up its slot (it still counts, which
			// only makes the limit stricter) and take a new one after the pause.
		}
		while (pausedUntil() > slot);
		return this.nanoTime.getAsLong() - start;
	}

	/** This process's adaptive spacing, then the shared limit's permit. */
	private long acquireShared(SharedRateLimit limit) throws InterruptedException {
		long start = this.nanoTime.getAsLong();
		if (waitUntil(adaptiveSlot())) {
			limit.acquire(this.sleeper);
		}
		return this.nanoTime.getAsLong() - start;
	}

	/** Now at the configured pace; below it, the next even slot of the slower pace. */
	private synchronized long adaptiveSlot() {
		long now = this.nanoTime.getAsLong();
		if (this.currentRpm >= this.rpm) {
			return now;
		}
		long slot = Math.max(now, this.nextAdaptiveSlot);
		this.nextAdaptiveSlot = slot + Math.round(60e9 / this.currentRpm);
		return slot;
	}

	/** False when the gate closed before {@code deadline}. */
	private boolean waitUntil(long deadline) throws InterruptedException {
		long now = this.nanoTime.getAsLong();
		return deadline <= now || this.sleeper.sleep(Duration.ofNanos(deadline - now));
	}

	private synchronized long pausedUntil() {
		return this.pausedUntilNanos;
	}

	/** The next slot: as early as the pacing, the adaptive pace and the sliding minute allow. */
	private synchronized long reserve() {
		long now = this.nanoTime.getAsLong();
		if (this.pacer == null) {
			this.pacer = new AtomicRateLimiter("provider", this.pacing, this.nanoTime::getAsLong);
		}
		long wait = this.pacer.reservePermission(1);
		if (wait < 0) {
			throw new IllegalStateException("rate limiter could not reserve a permit within " + RESERVE_AHEAD);
		}
		long slot = now + wait;
		boolean slowed = this.currentRpm < this.rpm;
		if (slowed) {
			slot = Math.max(slot, this.nextAdaptiveSlot);
		}
		slot = this.window.take(slot);
		if (slowed) {
			this.nextAdaptiveSlot = slot + Math.round(60e9 / this.currentRpm);
		}
		return slot;
	}

	/**
	 * A call that was sent at {@code sentAtNanos} got a 429.
	 * @param quotaFreesIn the server's hint when the quota frees up, or null
	 */
	public void rateLimited(long sentAtNanos, @Nullable Duration quotaFreesIn) {
		long pause = slowDown(sentAtNanos, quotaFreesIn);
		if (this.shared != null && pause > 0) {
			// every process's workers pause, not only this one's (the local pause then only keeps the log to one
			// line); outside the lock, so a slow database holds up no other worker's bookkeeping
			this.shared.pauseFor(Duration.ofNanos(pause));
		}
	}

	/** The adaptive bookkeeping of a 429; returns the pause it set, in nanoseconds, or 0. */
	private synchronized long slowDown(long sentAtNanos, @Nullable Duration quotaFreesIn) {
		if (!this.adaptive) {
			return 0;
		}
		long now = this.nanoTime.getAsLong();
		long pause = 0;
		if (quotaFreesIn != null && quotaFreesIn.toNanos() > 0) {
			pause = Math.min(quotaFreesIn.toNanos(), this.maxPauseNanos);
			if (now >= this.pausedUntilNanos) {
				log.info("Rate limited: the provider asks to wait {}; every worker pauses for {}{}",
						HumanDuration.of(quotaFreesIn), HumanDuration.of(Duration.ofNanos(pause)),
						pause < quotaFreesIn.toNanos() ? " (backoff-cap)" : "");
			}
			this.pausedUntilNanos = Math.max(this.pausedUntilNanos, now + pause);
		}
		if (sentAtNanos >= this.lastDecreaseNanos) {
			this.currentRpm = Math.max(this.minRpm, this.currentRpm / 2);
			this.lastDecreaseNanos = now;
		}
		return pause;
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
