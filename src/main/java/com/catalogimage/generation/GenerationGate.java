package com.catalogimage.generation;

import org.jspecify.annotations.Nullable;

/**
 * Shared by every worker of an execution: once a systemic failure, a budget or a shutdown says the job must end, the
 * gate closes, no worker starts another call, and the products not yet done stay PENDING for the restart.
 */
public final class GenerationGate {

	/** Why the gate closed, which decides how the job ends. */
	public enum State {

		OPEN, FAILING, STOPPING

	}

	private volatile State state = State.OPEN;

	private volatile @Nullable String reason;

	/** Opens the gate for a new execution. */
	public void reset() {
		this.state = State.OPEN;
		this.reason = null;
	}

	/** The job ends FAILED (bad key, unknown model, provider down): a restart after the fix redoes the rest. */
	public synchronized void fail(String why) {
		if (this.state == State.OPEN) {
			this.state = State.FAILING;
			this.reason = why;
		}
	}

	/** The job ends STOPPED (daily quota, budget, shutdown): restartable as it is. */
	public synchronized void stop(String why) {
		if (this.state == State.OPEN) {
			this.state = State.STOPPING;
			this.reason = why;
		}
	}

	public boolean isOpen() {
		return this.state == State.OPEN;
	}

	public State state() {
		return this.state;
	}

	public @Nullable String reason() {
		return this.reason;
	}

}
