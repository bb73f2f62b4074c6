package com.catalogimage.generation;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rate limiter every worker takes a permit from before each attempt, first or retry.
 * <p>
 * Each permit is a time slot reserved in order, under two rules that both count from the first slot ever handed out
 * (not from when the limiter was built, so a staging step before the first call changes nothing):
 * <ul>
 * <li>pacing: at most {@code burst} slots in any {@code burst × 60 s / rpm} (a second by default), so requests are
 * spread over the minute rather than sent as one burst;</li>
 * <li>the hard cap: at most {@code rpm} slots in any sliding window of 60 s, first minute included, whatever the
 * burst.</li>
 * </ul>
 * Both periods are stretched by a small margin so that a request sent a little after its slot (thread wake-up, the
 * journal write) never pushes a provider's sliding-minute count over the configured RPM. Slots never go backwards, so
 * checking the {@code rpm}-th previous slot is enough for every window.
 * <p>
 * In adaptive mode a 429 also halves the pace (once per round trip: only a 429 on a request sent after the last
 * decrease counts), and each success adds a fixed step back until the configured RPM is reached again (AIMD), so a
 * provider whose real limit is below the configured RPM is converged on instead of stormed. A 429 that says when the
 * quota frees up (Gemini's RetryInfo, OpenAI's retry-after) pauses every worker until then, not just the one that got
 * it: the quota is shared, and requests sent into an exhausted window only earn more 429s. The pause is capped at
 * {@code maxPause} (the backoff cap): a hint far beyond it is the caller's to turn into a stop.
 */
public final class RequestRateLimiter {

	private static final Logger log = LoggerFactory.getLogger(RequestRateLimiter.class);

	private static final long MINUTE_NANOS = 60_000_000_000L;

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

	private final int burst;

	private final long burstPeriodNanos;

	private final long windowNanos;

	private final boolean adaptive;

	private final long maxPauseNanos;

	private final LongSupplier nanoTime;

	private final Sleeper sleeper;

	private final double minRpm;

	private final double increasePerSuccess;

	/** The last {@code max(rpm, burst)} slots handed out; {@code next} is where the next one goes. */
	private final long[] slots;

	private int next;

	private long handedOut;

	private long lastSlot = Long.MIN_VALUE;

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
		this.rpm = settings.rpm();
		this.burst = settings.burst() > 0 ? settings.burst() : Math.max(1, this.rpm / 60);
		double stretch = 1 + Math.max(0, settings.margin());
		this.burstPeriodNanos = Math.round(this.burst * 60e9 / this.rpm * stretch);
		this.windowNanos = Math.round(MINUTE_NANOS * stretch);
		this.adaptive = settings.adaptive();
		this.maxPauseNanos = settings.maxPause().toNanos();
		this.nanoTime = nanoTime;
		this.sleeper = sleeper;
		this.currentRpm = this.rpm;
		this.minRpm = Math.max(0.5, this.rpm / 64.0);
		this.increasePerSuccess = Math.max(0.5, this.rpm / 400.0);
		this.slots = new long[Math.max(this.rpm, this.burst)];
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
		long start = this.nanoTime.getAsLong();
		while (true) {
			long slot = reserve();
			long wait = slot - this.nanoTime.getAsLong();
			if (wait > 0 && !this.sleeper.sleep(Duration.ofNanos(wait))) {
				break;
			}
			if (!pausedPast(slot)) {
				break;
			}
			// A 429 paused every worker while this one waited: its slot is given up (it still counts, which only
			// makes the limit stricter) and a new one is taken after the pause.
		}
		return this.nanoTime.getAsLong() - start;
	}

	private synchronized boolean pausedPast(long slot) {
		return this.pausedUntilNanos > slot;
	}

	/** The next slot: no earlier than now, the last slot, a pause, the adaptive pace, the burst and the minute allow. */
	private synchronized long reserve() {
		long slot = Math.max(this.nanoTime.getAsLong(), this.lastSlot);
		slot = Math.max(slot, this.pausedUntilNanos);
		boolean slowed = this.currentRpm < this.rpm;
		if (slowed) {
			slot = Math.max(slot, this.nextAdaptiveSlot);
		}
		if (this.handedOut >= this.burst) {
			slot = Math.max(slot, previous(this.burst) + this.burstPeriodNanos);
		}
		if (this.handedOut >= this.rpm) {
			slot = Math.max(slot, previous(this.rpm) + this.windowNanos);
		}
		this.slots[this.next] = slot;
		this.next = (this.next + 1) % this.slots.length;
		this.handedOut++;
		this.lastSlot = slot;
		if (slowed) {
			this.nextAdaptiveSlot = slot + Math.round(60e9 / this.currentRpm);
		}
		return slot;
	}

	/** The slot handed out {@code back} slots ago (1 = the last one). */
	private long previous(int back) {
		return this.slots[Math.floorMod(this.next - back, this.slots.length)];
	}

	/**
	 * A call that was sent at {@code sentAtNanos} got a 429.
	 * @param quotaFreesIn the server's hint when the quota frees up, or null
	 */
	public synchronized void rateLimited(long sentAtNanos, @Nullable Duration quotaFreesIn) {
		if (!this.adaptive) {
			return;
		}
		long now = this.nanoTime.getAsLong();
		if (quotaFreesIn != null && quotaFreesIn.toNanos() > 0) {
			long pause = Math.min(quotaFreesIn.toNanos(), this.maxPauseNanos);
			if (now >= this.pausedUntilNanos) {
				log.info("Rate limited: the provider asks to wait {}; every worker pauses for {}{}",
						HumanDuration.of(quotaFreesIn), HumanDuration.of(Duration.ofNanos(pause)),
						pause < quotaFreesIn.toNanos() ? " (backoff-cap)" : "");
			}
			this.pausedUntilNanos = Math.max(this.pausedUntilNanos, now + pause);
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
