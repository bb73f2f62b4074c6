package com.catalogimage.bench;

import java.util.List;

import com.catalogimage.simulator.SimulatorProperties;
import org.jspecify.annotations.Nullable;

/**
 * What one {@code bench} invocation measures.
 *
 * @param items products in each generated catalog
 * @param concurrency the job's concurrency (calls in flight at most)
 * @param rpm the job's rate limit; {@link #RPM_NOT_BINDING} by default
 * @param serverRpm the simulator's own per-minute limit before it answers 429 (0 = none)
 * @param latencyMedianMs the simulated median service time, for every size
 * @param latencySigma sigma of the lognormal service time
 * @param payload {@code small} or {@code realistic} image bodies
 * @param renderPerRequest whether the simulator renders a {@code small} image per request, as {@code run} and
 * {@code simulate} do by default, rather than once per format and dimensions: rendering and encoding a 1K image costs
 * ~2 ms of CPU on the simulator's threads, which run in the measured JVM on the same cores as the job, while a real
 * provider's CPU is not ours (the {@code realistic} payload is always rendered once)
 * @param size the image size asked for ({@code 512}, {@code 1K}, {@code 2K}, {@code 4K})
 * @param designs the generate-step designs to run, in this order within each round
 * @param runs rounds; each round runs every design once on the same catalog (so they meet the same latencies)
 * @param chunkSize the shared feed's chunk size (the baselines use their own, see {@link Design})
 * @param warmUp products per design in the uncounted warm-up against a fast simulator (0 for none)
 * @param simulatorUrl a simulator already running in another process to measure against, or null to start one in
 * this JVM (the latency, payload, render and server-rpm settings then are that process's)
 */
public record BenchSettings(int items, int concurrency, int rpm, int serverRpm, int latencyMedianMs,
		double latencySigma, String payload, boolean renderPerRequest, String size, List<Design> designs, int runs,
		int chunkSize, int warmUp, @Nullable String simulatorUrl) {

	/** A rate limit no latency-bound run comes near, so the limit is the latency one. */
	public static final int RPM_NOT_BINDING = 1_000_000;

	public static BenchSettings defaults() {
		return new BenchSettings(2000, 32, RPM_NOT_BINDING, 0, 200, 0.5, "small", false, "1K",
				List.of(Design.SHARED_FEED), 3, 1, 1000, null);
	}

	/** The products of the last warm-up run, on the measured simulator: one per worker, to render the payload. */
	int payloadWarmUpItems() {
		return Math.min(this.items, this.concurrency);
	}

	/** The simulator's {@code render} setting these settings give. */
	String simulatorRender() {
		return this.renderPerRequest && "small".equals(this.payload) ? SimulatorProperties.RENDER_PER_REQUEST
				: SimulatorProperties.RENDER_ONCE;
	}

	String describe() {
		String simulator = this.simulatorUrl != null ? "simulator=" + this.simulatorUrl + " (its own settings)"
				: "server-rpm=%d latency-median=%d ms sigma=%s payload=%s render=%s".formatted(this.serverRpm,
						this.latencyMedianMs, this.latencySigma, this.payload, simulatorRender());
		return "items=%d concurrency=%d rpm=%s size=%s chunk-size=%d runs=%d warm-up=%d %s".formatted(this.items,
				this.concurrency,
				this.rpm == RPM_NOT_BINDING ? "not binding (" + RPM_NOT_BINDING + ")" : String.valueOf(this.rpm),
				this.size, this.chunkSize, this.runs, this.warmUp, simulator);
	}

}
