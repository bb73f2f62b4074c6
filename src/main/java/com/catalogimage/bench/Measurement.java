package com.catalogimage.bench;

/**
 * One measured run.
 *
 * @param round the round (1-based); the designs of a round share the catalog and so the latencies
 * @param exitCode the {@code run} command's exit code
 * @param requests requests the simulator served
 * @param meanServiceMs the simulator's mean service time, arrival to end of answer
 * @param rateLimited the simulator's 429 answers
 * @param maxInFlight the most requests the simulator had in flight at once
 */
record Measurement(int round, Design design, int exitCode, JobFacts facts, long requests, double meanServiceMs,
		long rateLimited, int maxInFlight, Memory memory, int concurrency, int rpm) {

	/**
	 * @param peakHeapBytes sum of the heap pools' peaks
	 * @param liveHeapBytes the most heap in use right after a collection
	 * @param peakRssBytes peak resident set size, -1 when unknown
	 */
	record Memory(long peakHeapBytes, long liveHeapBytes, long peakRssBytes) {
	}

	double generateSeconds() {
		return this.facts.generate().toNanos() / 1e9;
	}

	double imagesPerMinute() {
		double seconds = generateSeconds();
		return seconds <= 0 ? 0 : this.facts.generated() * 60 / seconds;
	}

	/** {@code min(rpm, 60 000 × concurrency / mean latency)}: the most images per minute any schedule could reach. */
	double limitPerMinute() {
		double latencyBound = this.meanServiceMs <= 0 ? Double.POSITIVE_INFINITY
				: 60_000.0 * this.concurrency / this.meanServiceMs;
		return Math.min(this.rpm, latencyBound);
	}

	double shareOfLimit() {
		return imagesPerMinute() / limitPerMinute();
	}

	boolean completed() {
		return this.exitCode == 0 && "COMPLETED".equals(this.facts.status());
	}

}
