package com.catalogimage.simulator;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Lognormal service times. The dice are seeded by the prompt and how often it was asked, so the same catalog sees the
 * same latencies in every run and every design compared by the benchmark.
 */
final class LatencyModel {

	private final SimulatorProperties properties;

	LatencyModel(SimulatorProperties properties) {
		this.properties = properties;
	}

	Duration sample(String size, String prompt, int requestNumber) {
		Duration median = this.properties.scaledMedian(size);
		double z = new SplittableRandom(this.properties.seed() * 1_000_003L + prompt.hashCode() * 31L + requestNumber)
			.nextGaussian();
		return Duration.ofNanos(Math.round(median.toNanos() * Math.exp(this.properties.latencySigma() * z)));
	}

}
