package com.catalogimage.generation;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Shared by every worker of an execution (part of its {@link GenerationRun}): once a systemic failure, a budget or a
 * shutdown says the job must end, the gate closes, no worker starts another call, workers waiting to retry wake up,
 * and the products not yet done stay PENDING for the restart. A new execution gets a new, open gate.
 */
final class GenerationGate {

	/** Why the gate closed, which decides how the job ends. */
	enum State {

		OPEN, FAILING, STOPPING

	}

	private State state = State.OPEN;

	private @Nullable String reason;

	/** The job ends FAILED (bad key, unknown model, provider down): a restart after the fix redoes the rest. */
	synchronized void fail(String why) {
		close(State.FAILING, why);
	}

	/** The job ends STOPPED (daily quota, budget, shutdown): restartable as it is. */
	synchronized void stop(String why) {
		close(State.STOPPING, why);
	}

	private void close(State next, String why) {
		if (this.state == State.OPEN) {
			this.state = next;
			this.reason = why;
			notifyAll();
		}
	}

	synchronized boolean isOpen() {
		return this.state == State.OPEN;
	}

	synchronized State state() {
		return this.state;
	}

	synchronized @Nullable String reason() {
		return this.reason;
	}

	/**
	 * Waits for {@code duration} or until the gate closes, whichever comes first.
	 * @return whether the gate is still open
	 */
	synchronized boolean awaitOpenFor(Duration duration) throws InterruptedException {
		long deadline = System.nanoTime() + duration.toNanos();
		while (this.state == State.OPEN) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return true;
			}
			wait(Math.max(1, left / 1_000_000), 0);
		}
		return false;
	}

}
