package com.catalogimage.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.catalogimage.ops.CommandLineInterface;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smoke run of the {@code bench} command that {@code verify} keeps: tiny sizes, every design once. The real
 * benchmark's numbers are in docs/BENCHMARKS.md.
 */
class BenchmarkJobTests {

	@Test
	void everyDesignRunsTheCatalogAndTheLastLineIsMachineReadable() {
		// given
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		// when
		int exit = CommandLineInterface.run(
				new String[] { "bench", "--items", "40", "--concurrency", "4", "--design", "all", "--runs", "1",
						"--warm-up", "0", "--latency-median-ms", "5" },
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
				Map.of());
		// then
		String printed = out.toString(StandardCharsets.UTF_8);
		assertThat(exit).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
		List<String> lines = printed.lines().filter(line -> !line.isBlank()).toList();
		// the simulator in this JVM renders its picture once, so its CPU is not taken from the job (BenchSettingsTests)
		assertThat(lines).anyMatch(line -> line.startsWith("bench: ") && line.contains(" payload=small render=once"));
		assertThat(lines.get(lines.size() - 1))
			.matches("share_of_limit=\\d+\\.\\d{3} share_of_ideal=\\d+\\.\\d{3} images_per_min=\\d+ peak_heap_mb=\\d+"
					+ " cpu_ms_per_image=\\d+\\.\\d cpu_ms_per_image_job=\\d+\\.\\d cpu_ms_workers=\\d+\\.\\d"
					+ " cpu_ms_jit=\\d+\\.\\d cpu_ms_gc=\\d+\\.\\d cpu_ms_http_client=\\d+\\.\\d"
					+ " cpu_ms_simulator=\\d+\\.\\d cpu_ms_bench=\\d+\\.\\d cpu_ms_rest=\\d+\\.\\d");
		// under each run, its CPU by thread group (which threads land in which group: ThreadCpuTests)
		assertThat(lines).filteredOn(line -> line.matches("  CPU per image by thread, ms: workers \\d+\\.\\d, jit "
				+ "\\d+\\.\\d, gc \\d+\\.\\d, http_client \\d+\\.\\d, simulator \\d+\\.\\d, bench \\d+\\.\\d, rest "
				+ "\\d+\\.\\d, job only \\(all but the simulator and bench\\) \\d+\\.\\d"))
			.hasSize(4);
		// the ideal schedule is built from the run's own calls: 40 calls of some milliseconds each
		assertThat(Double.parseDouble(lines.get(lines.size() - 1).replaceAll(".*share_of_ideal=(\\S+) .*", "$1")))
			.isPositive();
		assertThat(printed).containsPattern("run 1 shared-feed: .*ideal schedule \\d+\\.\\d{2} s with the simulator's "
				+ "service times, \\d+\\.\\d{2} s with the calls as the client measured them; calls in flight below 4 "
				+ "for \\d+\\.\\d % of the \\d+\\.\\d{2} s before the last call started .*; idle slot time per image "
				+ "\\d+\\.\\d ms before the tail, \\d+\\.\\d ms in it");
		assertThat(lines).filteredOn(line -> line.matches("1 +\\S+ .* 40 .*COMPLETED"))
			.extracting(line -> line.split(" +")[1])
			.containsExactly("shared-feed", "concurrent-chunk", "fixed-ranges", "plain-pool");
		// the step executions show each design's shape: 4 call slots and 2 workers more; one step; one partition per
		// product here (each run also has its stage, batch (nothing to do in sync mode) and report steps)
		assertThat(printed).contains("run 1 shared-feed: ", "run 1 concurrent-chunk: ", "run 1 fixed-ranges: ",
				"run 1 plain-pool: ");
		assertThat(stepRows(lines, "shared-feed")).isEqualTo("batch_step_execution=10");
		assertThat(stepRows(lines, "concurrent-chunk")).isEqualTo("batch_step_execution=4");
		assertThat(stepRows(lines, "fixed-ranges")).isEqualTo("batch_step_execution=44");
		// the plain pool: one tasklet step, and a delivered call journalled for each product, as the ideal needs
		assertThat(stepRows(lines, "plain-pool")).isEqualTo("batch_step_execution=4");
		assertThat(lines.stream().filter(line -> line.startsWith("run 1 plain-pool: ")).findFirst().orElseThrow())
			.contains("generation_attempt=40", "generation_result=40");
	}

	private static String stepRows(List<String> lines, String design) {
		String line = lines.stream().filter(each -> each.startsWith("run 1 " + design + ": ")).findFirst().orElseThrow();
		return line.replaceAll(".*(batch_step_execution=\\d+).*", "$1");
	}

}
