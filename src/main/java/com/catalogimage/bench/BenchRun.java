package com.catalogimage.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.util.FileSystemUtils;

/**
 * One run of the real {@code run} command on a fresh workspace (its own catalog, H2 file database and output folder,
 * deleted afterwards) against the benchmark's simulator, with the simulator's counters and the memory peaks reset
 * just before it starts.
 */
final class BenchRun {

	private final BenchSettings settings;

	private final JobCommand job;

	private final BenchSimulator simulator;

	private final MemoryMeter memory;

	private final CpuMeter cpu;

	BenchRun(BenchSettings settings, JobCommand job, BenchSimulator simulator, MemoryMeter memory, CpuMeter cpu) {
		this.settings = settings;
		this.job = job;
		this.simulator = simulator;
		this.memory = memory;
		this.cpu = cpu;
	}

	/**
	 * @param round names the catalog's prompts, and so fixes the latencies the run meets
	 * @param items products in the catalog
	 * @param failures receives the run's own output when it does not complete
	 */
	Measurement measure(int round, Design design, int items, PrintStream failures) throws IOException {
		Path workspace = Files.createTempDirectory("catalog-bench-");
		try {
			Path catalog = BenchCatalog.write(workspace.resolve("products.csv"), items, "r" + round);
			String dbUrl = ShippedDatabaseUrl.at(workspace.resolve("db/bench"));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			this.simulator.reset();
			this.memory.reset();
			this.cpu.reset();
			PrintStream captured = new PrintStream(out, true, StandardCharsets.UTF_8);
			int exit = this.job.run(arguments(catalog, workspace.resolve("output"), dbUrl), properties(design),
					captured, captured);
			Measurement.Memory peaks = new Measurement.Memory(this.memory.peakHeapBytes(),
					this.memory.liveAfterGcBytes(), this.memory.peakRssBytes());
			BenchSimulator.Counts counts = this.simulator.counts();
			JobFacts facts = JobFacts.read(dbUrl, this.settings.concurrency(), this.simulator.serviceNanosByPrompt());
			Measurement measurement = new Measurement(round, design, items, exit, facts, counts, peaks,
					this.cpu.cpuNanosBetween(facts.generate().start(), facts.generate().end()),
					this.cpu.simulatorCpuNanos(),
					this.settings.concurrency(), this.settings.rpm(),
					byGroup(this.cpu.groupNanosBetween(facts.generate().start(), facts.generate().end())));
			if (!measurement.completed()) {
				failures.println("run " + round + " " + design.label() + " ended " + facts.status() + " (exit " + exit
						+ "):");
				failures.print(out.toString(StandardCharsets.UTF_8));
			}
			return measurement;
		}
		finally {
			FileSystemUtils.deleteRecursively(workspace);
		}
	}

	private static Map<ThreadCpu.Group, Long> byGroup(long @Nullable [] nanos) {
		Map<ThreadCpu.Group, Long> groups = new EnumMap<>(ThreadCpu.Group.class);
		if (nanos != null) {
			for (ThreadCpu.Group group : ThreadCpu.Group.values()) {
				groups.put(group, nanos[group.ordinal()]);
			}
		}
		return groups;
	}

	private List<String> arguments(Path catalog, Path output, String dbUrl) {
		return new ArrayList<>(List.of("run", "--input", catalog.toString(), "--output", output.toString(), "--db-url",
				dbUrl, "--base-url", this.simulator.baseUrl(), "--concurrency",
				String.valueOf(this.settings.concurrency()), "--rpm", String.valueOf(this.settings.rpm()),
				"--chunk-size", String.valueOf(this.settings.chunkSize()), "--size", this.settings.size()));
	}

	private static Map<String, String> properties(Design design) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put(Design.PROPERTY, design.label());
		// the run's progress lines would drown the table; warnings and errors still show
		properties.put("logging.level.com.catalogimage", "WARN");
		return properties;
	}

}
