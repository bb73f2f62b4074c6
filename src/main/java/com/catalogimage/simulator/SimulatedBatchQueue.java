package com.catalogimage.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

/**
 * One provider's batch queue: creates batches with their timeline and faults drawn, finds and lists them (advanced to
 * the clock's present first), and counts the ones not yet ended. The wire classes turn its batches into JSON.
 */
final class SimulatedBatchQueue<R> {

	private final Clock clock;

	private final SimulatorProperties properties;

	private final SimulatedBatchFaults faults;

	private final SimulatorStats stats;

	private final BatchGeneration<R> generation;

	private final SimulatedBatch.Unfinished unfinished;

	private final Duration expiry;

	/** By id, oldest first. */
	private final Map<String, SimulatedBatch<R>> batches = new LinkedHashMap<>();

	private long sequence;

	private long quotaDraws;

	/**
	 * @param unfinished what the provider returns of a batch that ends early
	 * @param expiry how long a batch may take before it expires, in simulated time (48 h Gemini, 24 h OpenAI)
	 */
	SimulatedBatchQueue(Clock clock, SimulatorProperties properties, SimulatedBatchFaults faults,
			SimulatorStats stats, BatchGeneration<R> generation, SimulatedBatch.Unfinished unfinished,
			Duration expiry) {
		this.clock = clock;
		this.properties = properties;
		this.faults = faults;
		this.stats = stats;
		this.generation = generation;
		this.unfinished = unfinished;
		this.expiry = expiry;
	}

	Instant now() {
		return this.clock.instant();
	}

	/** The scaled instant a batch created now expires at (OpenAI's {@code expires_at}). */
	Instant expiresAt(Instant created) {
		return created.plus(this.properties.scaled(this.expiry));
	}

	/**
	 * Queues a batch: a stuck one never leaves PENDING (it expires), one drawn to expire early does half its lines,
	 * and one with a failure fails when it would have started.
	 */
	synchronized SimulatedBatch<R> create(String id, String model, String displayName, @Nullable String inputFile,
			Map<String, String> metadata, List<BatchLine<R>> lines, @Nullable BatchFailure failure) {
		long number = ++this.sequence;
		long dice = this.properties.seed() * 7_919L + number * 1_000_003L;
		SplittableRandom random = new SplittableRandom(dice ^ 0x5DEECE66DL);
		boolean stuck = failure == null && random.nextDouble() < this.faults.stuck();
		boolean expiresEarly = failure == null && !stuck && random.nextDouble() < this.faults.expire();
		if (stuck) {
			this.stats.fault("batch-stuck");
		}
		if (expiresEarly) {
			this.stats.fault("batch-expire");
		}
		Instant created = now();
		Duration delay = this.properties.scaled(this.properties.batch().delay());
		Instant running = stuck ? Instant.MAX : created.plus(delay.dividedBy(2));
		Instant done = stuck ? Instant.MAX : created.plus(delay);
		SimulatedBatch.Timeline timeline = new SimulatedBatch.Timeline(created, running, done, expiresAt(created),
				delay.dividedBy(10));
		SimulatedBatch<R> batch = new SimulatedBatch<>(id, model, displayName, inputFile, metadata, lines, failure,
				timeline, expiresEarly, this.unfinished, this.generation, this.stats, dice);
		this.batches.put(id, batch);
		return batch;
	}

	/** The batch, advanced to now; null when there is no such batch. */
	@Nullable SimulatedBatch<R> find(String id) {
		SimulatedBatch<R> batch;
		synchronized (this) {
			batch = this.batches.get(id);
		}
		if (batch != null) {
			batch.advance(now());
		}
		return batch;
	}

	/** Every batch, advanced to now, newest first (as both providers list them). */
	List<SimulatedBatch<R>> newestFirst() {
		List<SimulatedBatch<R>> all;
		synchronized (this) {
			all = new ArrayList<>(this.batches.values());
		}
		Instant now = now();
		all.forEach(batch -> batch.advance(now));
		Collections.reverse(all);
		return all;
	}

	/** Batches not yet ended. */
	int unfinished() {
		return (int) newestFirst().stream().filter(batch -> !batch.phase().terminal()).count();
	}

	/** Brings every batch to now, so the stats count what has happened by now. */
	void advanceAll() {
		newestFirst();
	}

	/** Whether a cancel loses the race with the batch's end (drawn per cancel). */
	boolean cancelRaces(SimulatedBatch<R> batch) {
		double roll = new SplittableRandom(this.properties.seed() * 31L + batch.id().hashCode() * 131L).nextDouble();
		return roll < this.faults.cancelRace();
	}

	/** Whether a create is refused for the enqueued-token quota (drawn per create). */
	synchronized boolean overQuota() {
		double roll = new SplittableRandom(this.properties.seed() * 17L + (this.sequence + 1) * 1_000_033L
				+ this.quotaDraws++).nextDouble();
		return roll < this.faults.quota();
	}

	SimulatedBatchFaults faults() {
		return this.faults;
	}

	SimulatorProperties properties() {
		return this.properties;
	}

	BatchGeneration<R> generation() {
		return this.generation;
	}

}
