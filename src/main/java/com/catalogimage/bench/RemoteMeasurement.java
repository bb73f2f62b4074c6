package com.catalogimage.bench;

import java.time.Duration;
import java.util.List;

/**
 * One measured remote run: {@code workerJvms} worker processes and the manager over one PostgreSQL database.
 *
 * @param exitCode the manager's {@code run --workers remote} exit code
 * @param status the job execution's status
 * @param generated products generated
 * @param generate the manager's partitioned generate step, START_TIME to END_TIME
 * @param simulator what the simulator counted during the run (its 429 answers among them)
 * @param generatedMoreThanOnce products the attempt journal shows delivered by more than one call
 * @param machineCpuShare share of all the machine's cores busy during the generate step (every process), NaN if unknown
 * @param imagesPerWorker products each worker JVM wrote, in the order they were started
 * @param concurrency calls in flight per worker JVM
 * @param rpm the shared rate limit of all workers together
 */
record RemoteMeasurement(int workerJvms, int round, int items, int exitCode, String status, long generated,
		Duration generate, BenchSimulator.Counts simulator, long generatedMoreThanOnce, double machineCpuShare,
		List<Long> imagesPerWorker, int concurrency, int rpm) {

	double generateSeconds() {
		return this.generate.toNanos() / 1e9;
	}

	double imagesPerMinute() {
		double seconds = generateSeconds();
		return seconds <= 0 ? 0 : this.generated * 60 / seconds;
	}

	/**
	 * {@code min(rpm, workers × concurrency × 60 000 / mean service ms)}: the most images per minute the shared rate
	 * and the calls in flight of all workers together allow.
	 */
	double limitPerMinute() {
		double mean = this.simulator.meanServiceMs();
		double latencyBound = mean <= 0 ? Double.POSITIVE_INFINITY
				: 60_000.0 * this.workerJvms * this.concurrency / mean;
		return Math.min(this.rpm, latencyBound);
	}

	double shareOfLimit() {
		return imagesPerMinute() / limitPerMinute();
	}

	boolean completed() {
		return this.exitCode == 0 && "COMPLETED".equals(this.status) && this.generated == this.items;
	}

}
