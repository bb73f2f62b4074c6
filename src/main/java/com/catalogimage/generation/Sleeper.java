package com.catalogimage.generation;

import java.time.Duration;

/** Waiting between attempts, behind an interface so tests can observe backoff without spending the time. */
@FunctionalInterface
interface Sleeper {

	/**
	 * Waits for {@code duration} unless the job is ending.
	 * @return false when the wait was cut short because the gate closed
	 */
	boolean sleep(Duration duration) throws InterruptedException;

}
