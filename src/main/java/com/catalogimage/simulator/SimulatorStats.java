package com.catalogimage.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulator has served: requests, delivered images per prompt (the "paid" generations), errors, and the
 * highest number of requests in flight at once. Tests and benchmarks read it to prove what the job did on the wire.
 */
public final class SimulatorStats {

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong generations = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	private final AtomicLong rateLimited = new AtomicLong();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private final AtomicLong serviceNanos = new AtomicLong();

	private final Map<String, AtomicInteger> requestsByPrompt = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> generationsByPrompt = new ConcurrentHashMap<>();

	void requestStarted(String prompt) {
		this.requests.incrementAndGet();
		this.requestsByPrompt.computeIfAbsent(prompt, key -> new AtomicInteger()).incrementAndGet();
		this.maxInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
	}

	void requestEnded(long nanos) {
		this.inFlight.decrementAndGet();
		this.serviceNanos.addAndGet(nanos);
	}

	void generated(String prompt) {
		this.generations.incrementAndGet();
		this.generationsByPrompt.computeIfAbsent(prompt, key -> new AtomicInteger()).incrementAndGet();
	}

	void failed(int status) {
		this.errors.incrementAndGet();
		if (status == 429) {
			this.rateLimited.incrementAndGet();
		}
	}

	public long requests() {
		return this.requests.get();
	}

	/** Images delivered: what a real provider would have billed. */
	public long generations() {
		return this.generations.get();
	}

	public long errors() {
		return this.errors.get();
	}

	public long rateLimited() {
		return this.rateLimited.get();
	}

	/** Requests being answered right now. */
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

}
