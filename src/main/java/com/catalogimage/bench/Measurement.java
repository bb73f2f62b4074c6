package com.catalogimage.bench;

import java.time.Duration;
import java.util.Map;

/**
 * One measured run.
 *
 * @param round the round (1-based); the designs of a round share the catalog and so the latencies
 * @param items products in the catalog
 * @param exitCode the {@code run} command's exit code
 * @param simulator what the simulator counted: requests, mean service time, 429s, most in flight at once
 * @param generateCpuNanos CPU time the whole process (job and simulator) used during the generate step
 * @param simulatorCpuNanos CPU time of the simulator's request threads during the run (0 when it runs elsewhere)
 * @param cpuByGroup the generate step's CPU by thread group ({@link ThreadCpu}); empty when the threads could not be
 * read
 */
record Measurement(int round, Design design, int items, int exitCode, JobFacts facts, BenchSimulator.Counts simulator,
		Memory memory, long generateCpuNanos, long simulatorCpuNanos, int concurrency, int rpm,
		Map<ThreadCpu.Group, Long> cpuByGroup) {

	/**
	 * @param peakHeapBytes the most heap in use at once
	 * @param liveHeapBytes the most heap in use right after a collection
	 * @param peakRssBytes peak resident set size, -1 when unknown
	 */
	record Memory(long peakHeapBytes, long liveHeapBytes, long peakRssBytes) {
	}

	double generateSeconds() {
		return this.facts.generate().duration().toNanos() / 1e9;
	}

	/** The process's CPU use during the generate step as a share of all cores; near 1 means CPU-bound. */
	double cpuShare() {
		double seconds = generateSeconds();
		return seconds <= 0 ? 0 : this.generateCpuNanos / 1e9 / (seconds * Runtime.getRuntime().availableProcessors());
	}

	/**
	 * How long each image held a worker slot beyond its call, on average: the slots' time (step wall time ×
	 * concurrency) less the calls' own durations, per image. It covers everything a worker does around a call
	 * (cache, files, database, commit) plus slots idle at the start and end of the step; the share of the limit is
	 * roughly {@code latency / (latency + this)}.
	 */
	double slotOverheadMillis() {
		return this.facts.generated() == 0 ? 0
				: (generateSeconds() * 1000 * this.concurrency - this.facts.apiMillis()) / this.facts.generated();
	}

	/** CPU per generated image, job and simulator together, in milliseconds. */
	double cpuMillisPerImage() {
		return perImage(this.generateCpuNanos);
	}

	/** The simulator's part of {@link #cpuMillisPerImage()}. */
	double simulatorCpuMillisPerImage() {
		return perImage(this.simulatorCpuNanos);
	}

	/** A thread group's part of the generate step's CPU per image, in milliseconds; NaN when not measured. */
	double cpuMillisPerImage(ThreadCpu.Group group) {
		Long nanos = this.cpuByGroup.get(group);
		return nanos == null ? Double.NaN : perImage(nanos);
	}

	/**
	 * The job's CPU per image: the process's less the in-process simulator's (its request threads and dispatcher) and
	 * the bench's own sampler; without the split by thread, less the simulator's request threads only.
	 */
	double jobCpuMillisPerImage() {
		if (this.cpuByGroup.isEmpty()) {
			return perImage(this.generateCpuNanos - this.simulatorCpuNanos);
		}
		return perImage(this.generateCpuNanos - this.cpuByGroup.getOrDefault(ThreadCpu.Group.SIMULATOR, 0L)
				- this.cpuByGroup.getOrDefault(ThreadCpu.Group.BENCH, 0L));
	}

	private double perImage(long nanos) {
		return this.facts.generated() == 0 ? 0 : nanos / 1e6 / this.facts.generated();
	}

	double imagesPerMinute() {
		double seconds = generateSeconds();
		return seconds <= 0 ? 0 : this.facts.generated() * 60 / seconds;
	}

	/** {@code min(rpm, 60 000 × concurrency / mean latency)}: the most images per minute any schedule could reach. */
	double limitPerMinute() {
		double mean = this.simulator.meanServiceMs();
		double latencyBound = mean <= 0 ? Double.POSITIVE_INFINITY : 60_000.0 * this.concurrency / mean;
		return Math.min(this.rpm, latencyBound);
	}

	double shareOfLimit() {
		return imagesPerMinute() / limitPerMinute();
	}

	/**
	 * The ideal schedule's makespan over the generate step's wall time: 1 means the run finished as soon as the
	 * same calls, handed out in the same order with nothing done around them, could have ({@link SlotUse}); NaN when
	 * the simulator did not tell its service times. Unlike the share of the limit, it does not count the end-of-step
	 * tail that no schedule avoids as a loss.
	 */
	double shareOfIdeal() {
		double seconds = generateSeconds();
		Duration ideal = this.facts.slots().idealMakespan();
		return ideal == null ? Double.NaN : seconds <= 0 ? 0 : ideal.toNanos() / 1e9 / seconds;
	}

	/** The ideal schedule's makespan in seconds, NaN when the simulator did not tell the service times. */
	double idealSeconds() {
		Duration ideal = this.facts.slots().idealMakespan();
		return ideal == null ? Double.NaN : ideal.toNanos() / 1e9;
	}

	/** The job completed and generated every product: only then is the run comparable with others. */
	boolean completed() {
		return this.exitCode == 0 && "COMPLETED".equals(this.facts.status()) && this.facts.generated() == this.items;
	}

	/** The job's status, and how many products it generated when not all. */
	String status() {
		return this.facts.generated() == this.items ? this.facts.status()
				: this.facts.status() + " " + this.facts.generated() + "/" + this.items;
	}

}
