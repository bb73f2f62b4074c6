package com.catalogimage.generation;

import java.time.Duration;
import java.util.PriorityQueue;

import io.github.bucket4j.TimeMeter;

/**
 * A clock for several threads that moves only when every one of them is asleep on it, and then straight to the
 * earliest wake-up: waits cost no real time, and what a thread does while awake (a database round trip) takes none
 * on this clock. Every thread that uses it is counted in up front and counts itself out when it ends.
 */
final class VirtualClock implements TimeMeter, Sleeper {

	private long now;

	/** Counted threads that are not asleep on this clock. */
	private int awake;

	/** When the sleeping threads wake; an entry at or before {@link #now} belongs to a thread woken but not yet running. */
	private final PriorityQueue<Long> wakeUps = new PriorityQueue<>();

	/**
	 * @param threads the threads that will use the clock; it stands still until each of them sleeps or leaves
	 */
	VirtualClock(long start, int threads) {
		this.now = start;
		this.awake = threads;
	}

	@Override
	public synchronized long currentTimeNanos() {
		return this.now;
	}

	@Override
	public boolean isWallClockBased() {
		return true;
	}

	@Override
	public synchronized boolean sleep(Duration duration) throws InterruptedException {
		long wakeUp = this.now + duration.toNanos();
		if (wakeUp <= this.now) {
			return true;
		}
		this.wakeUps.add(wakeUp);
		this.awake--;
		advance();
		while (this.now < wakeUp) {
			wait();
		}
		this.awake++;
		this.wakeUps.remove(wakeUp);
		return true;
	}

	/** The calling thread is done with the clock. */
	synchronized void leave() {
		this.awake--;
		advance();
	}

	/**
	 * When all are asleep, on to the earliest wake-up. A woken thread's entry stays until it runs, and being at or
	 * before now it keeps the clock still until then.
	 */
	private void advance() {
		if (this.awake == 0 && !this.wakeUps.isEmpty()) {
			this.now = Math.max(this.now, this.wakeUps.peek());
			notifyAll();
		}
	}

}
