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
 * Runs the benchmark: uncounted warm-up runs (to get the compiler's work out of the way, then to render the payload
 * once on the measured simulator), then {@code runs} rounds of every selected design, each on a fresh workspace
 * against the same simulator, and finally the table, whose last line is machine-readable.
 */
public final class Benchmark {

	/** The compiler warm-up's simulated latency: short, so the warm-up costs CPU rather than time. */
	static final int WARM_UP_LATENCY_MS = 2;

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
		try (BenchSimulator simulator = measuredSimulator();
				MemoryMeter memory = new MemoryMeter();
				CpuMeter cpu = new CpuMeter()) {
			warmUpCompiler(memory, cpu, report);
			BenchRun runner = new BenchRun(this.settings, this.job, simulator, memory, cpu);
			Design first = this.settings.designs().get(0);
			report.warmUp(runner.measure(0, first, this.settings.payloadWarmUpItems(), this.out),
					memory.rssSinceReset());
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

	/**
	 * A fresh JVM spends tens of seconds of CPU compiling, and each run's new context brings new classes; on a small
	 * machine that compilation would be measured as the job's CPU and slow its first runs. So every design first runs
	 * uncounted against a simulator that answers small 1K images in milliseconds (small ones: the compiler needs
	 * calls, not bytes; and at 1K, since a small 4K image is painted in a 2 MB buffer per answer), rendered per request
	 * or once as the measured simulator renders them, so that a per-request benchmark compiles the renderer too.
	 */
	private void warmUpCompiler(MemoryMeter memory, CpuMeter cpu, BenchReport report) throws IOException {
		if (this.settings.warmUp() <= 0) {
			return;
		}
		BenchSettings fast = new BenchSettings(this.settings.warmUp(), this.settings.concurrency(),
				this.settings.rpm(), 0, WARM_UP_LATENCY_MS, this.settings.latencySigma(), "small",
				this.settings.renderPerRequest(), "1K", this.settings.designs(), 1, this.settings.chunkSize(), 0, null);
		try (BenchSimulator simulator = BenchSimulator.inProcess(SimulatorServer.start(simulatorProperties(fast)))) {
			BenchRun runner = new BenchRun(fast, this.job, simulator, memory, cpu);
			for (Design design : this.settings.designs()) {
				report.warmUp(runner.measure(0, design, fast.items(), this.out), true);
			}
		}
	}

	private BenchSimulator measuredSimulator() {
		String url = this.settings.simulatorUrl();
		return url != null ? BenchSimulator.remote(url)
				: BenchSimulator.inProcess(SimulatorServer.start(simulatorProperties(this.settings)));
	}

	/** The simulator as the settings describe it: real time, one median for every size, no faults. */
	static SimulatorProperties simulatorProperties(BenchSettings settings) {
		Map<String, String> properties = new HashMap<>();
		properties.put("imagebatch.simulator.time-scale", "1");
		properties.put("imagebatch.simulator.latency-median", settings.latencyMedianMs() + "ms");
		properties.put("imagebatch.simulator.latency-sigma", String.valueOf(settings.latencySigma()));
		properties.put("imagebatch.simulator.payload", settings.payload());
		properties.put("imagebatch.simulator.render", settings.simulatorRender());
		properties.put("imagebatch.simulator.server-rpm", String.valueOf(settings.serverRpm()));
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("imagebatch.simulator",
				SimulatorProperties.class);
	}

}
