package com.catalogimage.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.catalogimage.simulator.SimulatorServer;
import org.slf4j.LoggerFactory;

/**
 * The benchmark with remote workers ({@code bench --worker-jvms 1,2,4}): for each round and each number of worker
 * JVMs, one run on a fresh database (see {@link RemoteBenchRun}) against one simulator, a row per run, then a
 * machine-readable line with the medians per number of worker JVMs.
 */
public final class RemoteBenchmark {

	private final BenchSettings settings;

	private final RemoteBenchSettings remote;

	private final JobCommand job;

	private final PrintStream out;

	public RemoteBenchmark(BenchSettings settings, RemoteBenchSettings remote, JobCommand job, PrintStream out) {
		// worker JVMs start fresh for each run, so there is nothing to warm up: the settings line must not say 1000
		this.settings = new BenchSettings(settings.items(), settings.concurrency(), settings.rpm(), settings.serverRpm(),
				settings.latencyMedianMs(), settings.latencySigma(), settings.payload(), settings.renderPerRequest(),
				settings.size(), settings.designs(), settings.runs(), settings.chunkSize(), 0, settings.simulatorUrl());
		this.remote = remote;
		this.job = job;
		this.out = out;
	}

	/** @return 0 when every run completed, 1 otherwise */
	public int run() throws IOException, InterruptedException {
		Path jar = WorkerJvms.jar();
		// the broker runs in this process before any Spring context sets the levels: without this, logback prints
		// its notices (sessions, queues, no dead-letter address) between the rows; its errors still show
		((Logger) LoggerFactory.getLogger("org.apache.activemq")).setLevel(Level.ERROR);
		this.out.println(Machine.describe());
		this.out.println("settings: " + this.settings.describe() + " " + this.remote.describe());
		BenchDatabases databases = new BenchDatabases(this.remote,
				System.getenv(RemoteBenchSettings.PASSWORD_VARIABLE));
		List<RemoteMeasurement> measurements = new ArrayList<>();
		try (BenchSimulator simulator = simulator(); MachineCpu cpu = new MachineCpu()) {
			RemoteBenchRun runner = new RemoteBenchRun(this.settings, this.remote, databases, this.job, simulator, cpu,
					jar);
			this.out.println(header());
			for (int round = 1; round <= this.settings.runs(); round++) {
				for (int workerJvms : this.remote.workerJvms()) {
					RemoteMeasurement measurement = runner.measure(round, workerJvms, this.out);
					measurements.add(measurement);
					this.out.println(row(measurement));
				}
			}
		}
		this.out.println("load average after: " + Machine.loadAverage());
		this.out.println(medians(measurements, this.remote.workerJvms()));
		return measurements.stream().allMatch(RemoteMeasurement::completed) ? 0 : 1;
	}

	private BenchSimulator simulator() {
		String url = this.settings.simulatorUrl();
		return url != null ? BenchSimulator.remote(url)
				: BenchSimulator.inProcess(SimulatorServer.start(Benchmark.simulatorProperties(this.settings)));
	}

	static String header() {
		return "%3s %4s %7s %10s %8s %10s %6s %6s %6s %6s  %s".formatted("run", "jvms", "images", "generate_s",
				"img/min", "limit/min", "share", "429s", "twice", "cpu%", "images per worker JVM");
	}

	static String row(RemoteMeasurement m) {
		return String.format(Locale.ROOT, "%3d %4d %7d %10.2f %8.1f %10.1f %6.3f %6d %6d %6.1f  %s%s", m.round(),
				m.workerJvms(), m.generated(), m.generateSeconds(), m.imagesPerMinute(), m.limitPerMinute(),
				m.shareOfLimit(), m.simulator().rateLimited(), m.generatedMoreThanOnce(), m.machineCpuShare() * 100,
				m.imagesPerWorker().stream().map(String::valueOf).collect(Collectors.joining("/")),
				m.completed() ? "" : "  " + m.status() + " exit " + m.exitCode());
	}

	/**
	 * {@code remote workers=N runs=<n> images_per_min=<median> ... cpu=<median> vs_previous=<ratio>} for each N,
	 * separated by {@code ;}; only completed runs count. {@code vs_previous} is what the step from the previous N of
	 * the list bought: the ratio of their median images per minute (NaN for the first).
	 */
	static String medians(List<RemoteMeasurement> measurements, List<Integer> workerJvms) {
		List<String> groups = new ArrayList<>();
		double previous = Double.NaN;
		for (int n : workerJvms.stream().distinct().toList()) {
			List<RemoteMeasurement> runs = measurements.stream()
				.filter(m -> m.workerJvms() == n && m.completed())
				.toList();
			double imagesPerMinute = median(runs, RemoteMeasurement::imagesPerMinute);
			groups.add(String.format(Locale.ROOT,
					"remote workers=%d runs=%d images_per_min=%.1f limit_per_min=%.1f share_of_limit=%.3f "
							+ "rate_limited=%.0f twice=%.0f cpu=%.3f vs_previous=%.3f",
					n, runs.size(), imagesPerMinute, median(runs, RemoteMeasurement::limitPerMinute),
					median(runs, RemoteMeasurement::shareOfLimit), median(runs, m -> m.simulator().rateLimited()),
					median(runs, m -> m.generatedMoreThanOnce()), median(runs, RemoteMeasurement::machineCpuShare),
					imagesPerMinute / previous));
			previous = imagesPerMinute;
		}
		return String.join("; ", groups);
	}

	private static double median(List<RemoteMeasurement> runs,
			java.util.function.ToDoubleFunction<RemoteMeasurement> value) {
		return BenchReport.median(runs.stream().map(value::applyAsDouble).toList());
	}

}
