package com.catalogimage.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The server-side request limits: a sliding window of admitted requests (RPM; the window is a minute unless a test
 * shortens it, and then admits the same rate over the shorter window) and a count of all admitted requests (a daily
 * quota that does not reset while the simulator runs). Both are real wall-clock limits, not scaled, so a client that
 * keeps to its own rpm never meets them. Rejected requests do not use up quota.
 */
final class RequestQuotas {

	/**
	 * The verdict on one request.
	 *
	 * @param daily the daily quota is used up
	 * @param retryIn how long until a slot of the minute window frees, when the request is over the RPM limit
	 */
	record Verdict(boolean daily, @Nullable Duration retryIn) {

		static final Verdict ADMITTED = new Verdict(false, null);

		boolean admitted() {
			return !this.daily && this.retryIn == null;
		}

	}

	private final LongSupplier nanoTime;

	private final ArrayDeque<Long> window = new ArrayDeque<>();

	private volatile int rpm;

	private volatile int rpd;

	private final long windowNanos;

	private long admitted;

	RequestQuotas(int rpm, int rpd, Duration window, LongSupplier nanoTime) {
		this.rpm = rpm;
		this.rpd = rpd;
		this.windowNanos = window.toNanos();
		this.nanoTime = nanoTime;
	}

	RequestQuotas(int rpm, int rpd, LongSupplier nanoTime) {
		this(rpm, rpd, Duration.ofMinutes(1), nanoTime);
	}

	/** Requests admitted per window: the rpm, scaled to the window's length. */
	private int capacity() {
		return (int) Math.max(1, Math.round(this.rpm * (this.windowNanos / 60e9)));
	}

	synchronized Verdict admit() {
		if (this.rpd > 0 && this.admitted >= this.rpd) {
			return new Verdict(true, null);
		}
		long now = this.nanoTime.getAsLong();
		while (!this.window.isEmpty() && now - this.window.peekFirst() >= this.windowNanos) {
			this.window.pollFirst();
		}
		if (this.rpm > 0 && this.window.size() >= capacity()) {
			long freesAt = this.window.peekFirst() + this.windowNanos;
			return new Verdict(false, Duration.ofNanos(Math.max(1, freesAt - now)));
		}
		this.window.addLast(now);
		this.admitted++;
		return Verdict.ADMITTED;
	}

	int rpm() {
		return this.rpm;
	}

	int rpd() {
		return this.rpd;
	}

	/** Requests still admitted in the current minute window (for the x-ratelimit-remaining header). */
	synchronized int remainingInWindow() {
		return this.rpm <= 0 ? Integer.MAX_VALUE : Math.max(0, capacity() - this.window.size());
	}

	synchronized void setLimits(int rpm, int rpd) {
		this.rpm = rpm;
		this.rpd = rpd;
	}

	synchronized void reset() {
		this.window.clear();
		this.admitted = 0;
	}

}
