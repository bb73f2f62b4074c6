package com.catalogimage.simulator;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulator has served: requests, delivered images per prompt (the "paid" generations), answers per HTTP
 * status, injected faults by kind, and the highest number of requests in flight at once. Tests and benchmarks read it
 * to prove what the job did on the wire. Batch API work is counted apart: the lines batches did and the images they
 * delivered (billed, a duplicate output line included) per prompt, and the batches by how they ended, so a test can
 * prove that no product was paid twice across both paths ({@link #billedFor}).
 */
public final class SimulatorStats {

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong generations = new AtomicLong();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private final AtomicLong serviceNanos = new AtomicLong();

	private final Map<String, Long> lastServiceNanosByPrompt = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> requestsByPrompt = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> generationsByPrompt = new ConcurrentHashMap<>();

	private final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> faults = new ConcurrentHashMap<>();

	private final AtomicLong batchRequests = new AtomicLong();

	private final AtomicLong batchGenerations = new AtomicLong();

	private final Map<String, AtomicInteger> batchRequestsByPrompt = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> batchGenerationsByPrompt = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> batches = new ConcurrentHashMap<>();

	void requestStarted(String prompt) {
		this.requests.incrementAndGet();
		this.requestsByPrompt.computeIfAbsent(prompt, key -> new AtomicInteger()).incrementAndGet();
		this.maxInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
	}

	void requestEnded(String prompt, long nanos) {
		this.inFlight.decrementAndGet();
		this.serviceNanos.addAndGet(nanos);
		if (!prompt.isEmpty()) {
			this.lastServiceNanosByPrompt.put(prompt, nanos);
		}
	}

	/** An image was generated and sent (or started to be sent): what a real provider bills. */
	void generated(String prompt) {
		this.generations.incrementAndGet();
		this.generationsByPrompt.computeIfAbsent(prompt, key -> new AtomicInteger()).incrementAndGet();
	}

	void responded(int status) {
		this.byStatus.computeIfAbsent(status, key -> new AtomicLong()).incrementAndGet();
	}

	void fault(String kind) {
		this.faults.computeIfAbsent(kind, key -> new AtomicLong()).incrementAndGet();
	}

	/** A batch did one line (whatever its answer). */
	void batchRequested(String prompt) {
		this.batchRequests.incrementAndGet();
		this.batchRequestsByPrompt.computeIfAbsent(prompt, key -> new AtomicInteger()).incrementAndGet();
	}

	/** A batch delivered an image line: what the provider bills at the batch price. */
	void batchGenerated(String prompt) {
		this.batchGenerations.incrementAndGet();
		this.batchGenerationsByPrompt.computeIfAbsent(prompt, key -> new AtomicInteger()).incrementAndGet();
	}

	/** A batch was created, or ended: {@code created}, {@code succeeded}, {@code failed}, {@code cancelled}, {@code expired}. */
	void batch(String event) {
		this.batches.computeIfAbsent(event, key -> new AtomicLong()).incrementAndGet();
	}

	/** Forgets everything counted so far ({@code POST /_sim/reset}); requests in flight stay counted as such. */
	void reset() {
		this.requests.set(0);
		this.generations.set(0);
		this.maxInFlight.set(this.inFlight.get());
		this.serviceNanos.set(0);
		this.lastServiceNanosByPrompt.clear();
		this.requestsByPrompt.clear();
		this.generationsByPrompt.clear();
		this.byStatus.clear();
		this.faults.clear();
		this.batchRequests.set(0);
		this.batchGenerations.set(0);
		this.batchRequestsByPrompt.clear();
		this.batchGenerationsByPrompt.clear();
		this.batches.clear();
	}

	public long requests() {
		return this.requests.get();
	}

	/** Images delivered: what a real provider would have billed. */
	public long generations() {
		return this.generations.get();
	}

	/** Answers with a status other than 200. */
	public long errors() {
		return this.byStatus.entrySet()
			.stream()
			.filter(entry -> entry.getKey() != 200)
			.mapToLong(entry -> entry.getValue().get())
			.sum();
	}

	public long rateLimited() {
		return status(429);
	}

	/** Answers sent with this HTTP status. */
	public long status(int status) {
		AtomicLong count = this.byStatus.get(status);
		return count == null ? 0 : count.get();
	}

	public Map<Integer, Long> byStatus() {
		Map<Integer, Long> copy = new TreeMap<>();
		this.byStatus.forEach((status, count) -> copy.put(status, count.get()));
		return copy;
	}

	/**
	 * Injected faults by kind: {@code 429}, {@code 500}, {@code 503}, {@code timeout}, {@code truncated},
	 * {@code malformed}, {@code no-image}, {@code blocked}, {@code blank}, {@code systemic}.
	 */
	public long faults(String kind) {
		AtomicLong count = this.faults.get(kind);
		return count == null ? 0 : count.get();
	}

	public Map<String, Long> faults() {
		Map<String, Long> copy = new TreeMap<>();
		this.faults.forEach((kind, count) -> copy.put(kind, count.get()));
		return copy;
	}

	public int inFlight() {
		return this.inFlight.get();
	}

	public int maxInFlight() {
		return this.maxInFlight.get();
	}

	/** Mean time from a request's arrival to the end of its answer, over all requests, in milliseconds. */
	public double meanServiceMillis() {
		long n = this.requests.get();
		return n == 0 ? 0 : this.serviceNanos.get() / 1e6 / n;
	}

	/**
	 * Per prompt, the time from the arrival of its last request to the end of that request's answer, in nanoseconds.
	 * A client that stops calling once it has an image makes that its delivering call: the benchmark builds the ideal
	 * schedule of a run from these.
	 */
	public Map<String, Long> lastServiceNanosByPrompt() {
		return Collections.unmodifiableMap(this.lastServiceNanosByPrompt);
	}

	public int requestsFor(String prompt) {
		AtomicInteger count = this.requestsByPrompt.get(prompt);
		return count == null ? 0 : count.get();
	}

	public int generationsFor(String prompt) {
		AtomicInteger count = this.generationsByPrompt.get(prompt);
		return count == null ? 0 : count.get();
	}

	public Map<String, Integer> generationsByPrompt() {
		Map<String, Integer> copy = new TreeMap<>();
		this.generationsByPrompt.forEach((prompt, count) -> copy.put(prompt, count.get()));
		return copy;
	}

	public Map<String, Integer> requestsByPrompt() {
		Map<String, Integer> copy = new TreeMap<>();
		this.requestsByPrompt.forEach((prompt, count) -> copy.put(prompt, count.get()));
		return copy;
	}

	/** Lines done by batches, whatever their answer. */
	public long batchRequests() {
		return this.batchRequests.get();
	}

	/** Images delivered by batches, a duplicate output line for a key included: what the provider bills. */
	public long batchGenerations() {
		return this.batchGenerations.get();
	}

	public int batchRequestsFor(String prompt) {
		AtomicInteger count = this.batchRequestsByPrompt.get(prompt);
		return count == null ? 0 : count.get();
	}

	public int batchGenerationsFor(String prompt) {
		AtomicInteger count = this.batchGenerationsByPrompt.get(prompt);
		return count == null ? 0 : count.get();
	}

	public Map<String, Integer> batchRequestsByPrompt() {
		return copy(this.batchRequestsByPrompt);
	}

	public Map<String, Integer> batchGenerationsByPrompt() {
		return copy(this.batchGenerationsByPrompt);
	}

	/** Images billed for a prompt on both paths: synchronous generations plus batch output lines. */
	public int billedFor(String prompt) {
		return generationsFor(prompt) + batchGenerationsFor(prompt);
	}

	/**
	 * Batches by event: {@code created}, and how they ended ({@code succeeded}, {@code failed}, {@code cancelled},
	 * {@code expired}); counted when the simulator notices, which is at the latest when the stats are read.
	 */
	public Map<String, Long> batches() {
		Map<String, Long> copy = new TreeMap<>();
		this.batches.forEach((event, count) -> copy.put(event, count.get()));
		return copy;
	}

	private static Map<String, Integer> copy(Map<String, AtomicInteger> counts) {
		Map<String, Integer> copy = new TreeMap<>();
		counts.forEach((prompt, count) -> copy.put(prompt, count.get()));
		return copy;
	}

}
