package com.catalogimage.generation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared by every worker of an execution (part of its {@link GenerationRun}): once a systemic failure, a budget or a
 * shutdown says the job must end, the gate closes, no worker starts another call, workers waiting to retry wake up,
 * and the products not yet done stay PENDING for the restart. A new execution gets a new, open gate.
 * <p>
 * With workers in several processes the gate is also a row of the database ({@link Shared}): closing it closes the
 * row (the first reason wins there too), and an open gate reads the row again at most once per {@code maxAge}, so a
 * failure, a budget or a stop met by one process closes every process's gate within about that long. Whatever the
 * database says, a gate closed here stays closed.
 */
final class GenerationGate {

	private static final Logger log = LoggerFactory.getLogger(GenerationGate.class);

	/** Why the gate closed, which decides how the job ends. */
	enum State {

		OPEN, FAILING, STOPPING,

		/**
		 * Only this process stops (a worker told to leave, SIGTERM to a {@code worker}): its workers start no new
		 * call and end as if their feed ran dry, while the run's shared row stays open for every other process.
		 */
		LEAVING

	}

	/** The gate's row in the database, which every process of the execution reads. */
	interface Shared {

		/** Closes the row if it is still open. */
		void close(State state, String why);

		/** The row if it is closed, null while it is open. */
		RunGateRepository.@Nullable Closed closed();

	}

	private final @Nullable Shared shared;

	private final Clock clock;

	private final Duration maxAge;

	private final AtomicBoolean reading = new AtomicBoolean();

	private volatile @Nullable Instant readAt;

	private State state = State.OPEN;

	private @Nullable String reason;

	/** Why this process leaves the run, layered over the shared state; null while it stays. */
	private @Nullable String leaving;

	/** A gate of this process only. */
	GenerationGate() {
		this(null, Clock.systemUTC(), Duration.ZERO);
	}

	/**
	 * @param shared the execution's row, or null for a gate of this process only
	 * @param maxAge how stale what an open gate knows of the row may be
	 */
	GenerationGate(@Nullable Shared shared, Clock clock, Duration maxAge) {
		this.shared = shared;
		this.clock = clock;
		this.maxAge = maxAge;
	}

	/** The job ends FAILED (bad key, unknown model, provider down): a restart after the fix redoes the rest. */
	synchronized void fail(String why) {
		close(State.FAILING, why);
	}

	/** The job ends STOPPED (daily quota, budget, shutdown): restartable as it is. */
	synchronized void stop(String why) {
		close(State.STOPPING, why);
	}

	/**
	 * This process leaves the run; the run goes on without it. The shared row is not touched, and it is still read:
	 * a failure or a stop of the run met meanwhile decides how this process's workers end, as before.
	 */
	synchronized void leave(String why) {
		if (this.leaving == null) {
			this.leaving = why;
			notifyAll();
		}
	}

	private void close(State next, String why) {
		if (this.state != State.OPEN) {
			return;
		}
		if (this.shared != null) {
			try {
				this.shared.close(next, why);
				RunGateRepository.Closed first = this.shared.closed();
				if (first != null) {
					closeHere(first.state(), String.valueOf(first.reason()));
				}
			}
			catch (RuntimeException ex) {
				log.warn("Could not close the run's gate in the database ({}); the other workers stop at its next check",
						ex.getClass().getSimpleName());
			}
		}
		closeHere(next, why);
	}

	private void closeHere(State next, String why) {
		if (this.state == State.OPEN) {
			this.state = next;
			this.reason = why;
			notifyAll();
		}
	}

	boolean isOpen() {
		refresh(false);
		synchronized (this) {
			return this.state == State.OPEN && this.leaving == null;
		}
	}

	/** The run's state if the run closed its gate, else LEAVING if this process leaves, else OPEN. */
	State state() {
		refresh(false);
		synchronized (this) {
			return this.state == State.OPEN && this.leaving != null ? State.LEAVING : this.state;
		}
	}

	@Nullable String reason() {
		refresh(false);
		synchronized (this) {
			return this.state == State.OPEN ? this.leaving : this.reason;
		}
	}

	/** Reads the shared row now, however recently it was read: before a step decides how it ended. */
	void refreshNow() {
		refresh(true);
	}

	/**
	 * Reads the shared row if it may be stale; one thread reads while the others go on with what is known. A row
	 * that cannot be read changes nothing: the worker's own next statement meets the same database.
	 */
	private void refresh(boolean force) {
		Shared row = this.shared;
		if (row == null) {
			return;
		}
		Instant now = this.clock.instant();
		Instant last = this.readAt;
		if (!force && last != null && now.isBefore(last.plus(this.maxAge))) {
			return;
		}
		synchronized (this) {
			if (this.state != State.OPEN) {
				return;
			}
		}
		if (!this.reading.compareAndSet(false, true)) {
			return;
		}
		try {
			RunGateRepository.Closed closed = row.closed();
			this.readAt = now;
			if (closed != null) {
				synchronized (this) {
					closeHere(closed.state(), String.valueOf(closed.reason()));
				}
			}
		}
		catch (RuntimeException ex) {
			log.debug("Could not read the run's gate", ex);
		}
		finally {
			this.reading.set(false);
		}
	}

	/**
	 * Waits for {@code duration} or until the gate closes, whichever comes first. A shared gate looks at its row
	 * between slices of at most {@code maxAge}, so a gate closed by another process wakes this one too.
	 * @return whether the gate is still open
	 */
	boolean awaitOpenFor(Duration duration) throws InterruptedException {
		if (this.shared == null || this.maxAge.isZero()) {
			return awaitHere(duration);
		}
		long deadline = System.nanoTime() + duration.toNanos();
		while (true) {
			if (!isOpen()) {
				return false;
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return true;
			}
			if (!awaitHere(Duration.ofNanos(Math.min(left, this.maxAge.toNanos())))) {
				return false;
			}
		}
	}

	private synchronized boolean awaitHere(Duration duration) throws InterruptedException {
		long deadline = System.nanoTime() + duration.toNanos();
		while (this.state == State.OPEN && this.leaving == null) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return true;
			}
			wait(Math.max(1, left / 1_000_000), 0);
		}
		return false;
	}

}
