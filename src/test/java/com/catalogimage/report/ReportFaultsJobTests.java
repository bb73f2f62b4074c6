package com.catalogimage.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.catalogimage.ops.ExitCodes;
import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.support.Catalogs;
import com.catalogimage.support.JobRun;
import com.catalogimage.support.Simulators;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.catalogimage.support.CsvFiles.csv;
import static com.catalogimage.support.CsvFiles.summary;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report of a run through the simulator's injected faults: safety blocks, 503s, 429s with a retry hint, and
 * answers cut off midway (generated, so possibly billed, but never received). Every figure is checked against the
 * simulator's own counters and against report.csv, not against the report's code.
 */
class ReportFaultsJobTests {

	private static final int PRODUCTS = 30;

	private static final BigDecimal FLAT_1K = new BigDecimal("0.067");

	@TempDir
	Path workspace;

	@Test
	void skipsRetries429sAndCallsOfUnknownOutcomeAddUpToWhatTheSimulatorSaw() throws IOException {
		try (SimulatorServer simulator = Simulators.start("faults.block-word", "forbidden", "faults.rate-503", "0.15",
				"faults.rate-429", "0.1", "faults.retry-delay", "20s", "faults.rate-truncated", "0.1", "time-scale",
				"0.002")) {
			// given: three products whose prompt the provider blocks
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), PRODUCTS, "FLT");
			List<String> lines = new ArrayList<>(Files.readAllLines(catalog));
			for (int row : new int[] { 3, 11, 20 }) {
				lines.set(row, lines.get(row).replace("Test item", "forbidden item"));
			}
			Files.write(catalog, lines);
			JobRun job = new JobRun(this.workspace).property("imagebatch.generation.backoff-base", "20ms");
			// when
			JobRun.Result result = job.run("run", "--input", catalog.toString(), "--provider", "simulator",
					"--base-url", simulator.baseUrl(), "--max-attempts", "10", "--concurrency", "6", "--rpm", "6000");
			// then
			assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.COMPLETED_WITH_SKIPS);
			List<CSVRecord> report = csv(job.output().resolve("report.csv"));
			Map<String, String> summary = summary(job.output().resolve("summary.csv"));
			long truncated = simulator.stats().faults("truncated");
			long answered429 = simulator.stats().status(429);
			assertThat(simulator.stats().status(503)).as("the dice did inject 503s").isPositive();
			assertThat(answered429).as("the dice did inject 429s").isPositive();
			assertThat(truncated).as("the dice did cut answers").isPositive();
			// the rows
			assertThat(report).hasSize(PRODUCTS);
			assertThat(report.stream().filter(row -> row.get("status").equals("SKIPPED")).map(row -> row.get("sku")))
				.containsExactlyInAnyOrder("FLT-0003", "FLT-0011", "FLT-0020");
			for (CSVRecord row : report) {
				if (row.get("status").equals("SKIPPED")) {
					assertThat(row.get("reason")).as(row.get("sku")).isNotEmpty();
					assertThat(row.get("cost_basis")).as(row.get("sku")).isEqualTo("unknown");
					assertThat(row.get("cost_usd")).as(row.get("sku")).isEmpty();
				}
				else {
					assertThat(row.get("status")).isEqualTo("GENERATED");
					assertThat(row.get("cost_basis")).isEqualTo("tokens");
				}
			}
			assertThat(sum(report, "attempts")).isEqualTo(simulator.stats().requests());
			assertThat(sum(report, "http_429")).isEqualTo(answered429);
			assertThat(sum(report, "attempts_unknown")).isEqualTo(truncated);
			// the summary
			String reason = report.stream().filter(row -> row.get("sku").equals("FLT-0011")).findFirst().orElseThrow()
				.get("reason");
			BigDecimal cost = report.stream()
				.map(row -> row.get("cost_usd"))
				.filter(usd -> !usd.isEmpty())
				.map(BigDecimal::new)
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			assertThat(summary).containsEntry("products", String.valueOf(PRODUCTS))
				.containsEntry("generated", String.valueOf(PRODUCTS - 3))
				.containsEntry("skipped", "3")
				.containsEntry("skipped_reason:" + reason, "3")
				.containsEntry("requests", String.valueOf(simulator.stats().requests()))
				.containsEntry("retries", String.valueOf(simulator.stats().requests() - PRODUCTS))
				.containsEntry("http_429", String.valueOf(answered429))
				.containsEntry("possibly_billed_calls", String.valueOf(truncated))
				.containsEntry("possibly_billed_usd",
						FLAT_1K.multiply(BigDecimal.valueOf(truncated)).setScale(6).toPlainString())
				.containsEntry("cost_usd", cost.setScale(6).toPlainString());
			assertThat(result.out()).contains("skipped: " + reason + " 3")
				.contains("(" + truncated + " calls of unknown outcome)");
			String html = Files.readString(job.output().resolve("report.html"));
			assertThat(html).contains("Skipped products (3)").contains("FLT-0011");
		}
	}

	private static long sum(List<CSVRecord> rows, String column) {
		return rows.stream().map(row -> row.get(column)).filter(value -> !value.isEmpty()).mapToLong(Long::parseLong)
			.sum();
	}

}
