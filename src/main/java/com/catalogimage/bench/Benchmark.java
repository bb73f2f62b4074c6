package com.catalogimage.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.catalogimage.simulator.SimulatorProperties;
import com.catalogimage.simulator.SimulatorServer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Runs the benchmark: one simulator for the whole invocation (so a realistic payload is rendered once, in the
 * warm-up), a warm-up run that is not counted, then {@code runs} rounds of every selected design, each on a fresh
 * workspace, and finally the table, whose last line is machine-readable.
 */
public final class Benchmark {

	private final BenchSettings settings;

	private final JobCommand job;

	private final PrintStream out;

	public Benchmark(BenchSettings settings, JobCommand job, PrintStream out) {
		this.settings = settings;
		this.job = job;
		this.out = out;
	}

	/** @return 0 when every counted run completed, 1 otherwise */
	public int run() throws IOException {
		BenchReport report = new BenchReport(this.settings, this.out);
		report.header(Machine.describe());
		List<Measurement> measurements = new ArrayList<>();
		try (SimulatorServer simulator = SimulatorServer.start(simulatorProperties(this.settings));
				MemoryMeter memory = new MemoryMeter()) {
			BenchRun runner = new BenchRun(this.settings, this.job, simulator, memory);
			Design first = this.settings.designs().get(0);
			Measurement warmUp = runner.measure(0, first, this.settings.warmUpItems(), this.out);
			report.warmUp(warmUp, memory.rssSinceReset());
			for (int round = 1; round <= this.settings.runs(); round++) {
				for (Design design : this.settings.designs()) {
					Measurement measurement = runner.measure(round, design, this.settings.items(), this.out);
					measurements.add(measurement);
					report.progress(measurement);
				}
			}
		}
		report.table(measurements, Machine.loadAverage());
		return measurements.stream().allMatch(Measurement::completed) ? 0 : 1;
	}

	/** The simulator as the settings describe it: real time, one median for every size, no faults. */
	static SimulatorProperties simulatorProperties(BenchSettings settings) {
		Map<String, String> properties = new HashMap<>();
		properties.put("imagebatch.simulator.time-scale", "1");
		properties.put("imagebatch.simulator.latency-median", settings.latencyMedianMs() + "ms");
		properties.put("imagebatch.simulator.latency-sigma", String.valueOf(settings.latencySigma()));
		properties.put("imagebatch.simulator.payload", settings.payload());
		properties.put("imagebatch.simulator.server-rpm", String.valueOf(settings.serverRpm()));
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("imagebatch.simulator",
				SimulatorProperties.class);
	}

}
