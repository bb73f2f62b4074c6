package com.catalogimage.generation;

import java.time.Duration;

/** Waiting, behind an interface so tests can observe backoff without spending the time. */
@FunctionalInterface
public interface Sleeper {

	Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));

	void sleep(Duration duration) throws InterruptedException;

}
