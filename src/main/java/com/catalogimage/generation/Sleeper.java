package com.catalogimage.generation;

import java.time.Duration;

/** Waiting between attempts, behind an interface so tests can observe backoff without spending the time. */
@FunctionalInterface
public interface Sleeper {

	/**
	 * Waits for {@code duration} unless the job is ending.
	 * @return false when the wait was cut short because the gate closed
	 */
	boolean sleep(Duration duration) throws InterruptedException;

	/** Waits on the gate, so a closing gate wakes every worker that waits to retry. */
	static Sleeper on(GenerationGate gate) {
		return gate::awaitOpenFor;
	}

}
