package com.catalogimage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.catalogimage.ops.ExitCodes;
import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.support.Catalogs;
import com.catalogimage.support.JobRun;
import com.catalogimage.support.Simulators;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.catalogimage.support.CsvFiles.csv;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job against a provider having a bad day, played by the simulator's rate limits and fault injection: it keeps
 * under the limits, rides out transient errors, skips only what can never succeed, and stops (rather than skipping
 * everything) when the provider or the configuration is broken. Keeping to the server's own sliding window, which
 * only the wall clock shows, is {@link ProviderRateLimitsIT}'s.
 */
class ProviderTroubleJobTests {

	@TempDir
	Path workspace;

	@Test
	void transientOverloadIsRiddenOut() throws IOException {
		// given: a fifth of the calls answer 503
		try (SimulatorServer simulator = Simulators.start("faults.rate-503", "0.2", "time-scale", "0.002")) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 60, "FLAKY");
			// when
			JobRun.Result result = run(simulator, catalog, "--concurrency", "8", "--max-attempts", "10");
			// then
			assertThat(result.exitCode()).as(result.err()).isZero();
			assertAllGeneratedWithEveryRequestCountedAndSomeRetried(simulator);
			assertThat(simulator.stats().status(503)).isPositive();
		}
	}

	@Test
	void aRateLimitHintFromTheServerIsWaitedOut() throws IOException {
		// given: a fifth of the calls answer 429 with RetryInfo of 20 s x 0.01 = 200 ms
		try (SimulatorServer simulator = Simulators.start("faults.rate-429", "0.2", "faults.retry-delay", "20s",
				"time-scale", "0.01")) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 30, "HINT");
			// when
			JobRun.Result result = run(simulator, catalog, "--concurrency", "8", "--max-attempts", "10");
			// then
			assertThat(result.exitCode()).as(result.err()).isZero();
			assertAllGeneratedWithEveryRequestCountedAndSomeRetried(simulator);
			new JobRun(this.workspace).jdbc()
				.query("select item_id, http_429, retry_wait_ms from generation_result", (rs, n) -> new long[] {
						rs.getLong(1), rs.getLong(2), rs.getLong(3) })
				.forEach(row -> assertThat(row[2]).as("item %d", row[0]).isGreaterThanOrEqualTo(200L * row[1]));
		}
	}

	@Test
	void safetyBlockedProductsAreSkippedWithTheirReasonAndTheOthersComplete() throws IOException {
		// given: three products whose prompt the provider blocks
		try (SimulatorServer simulator = Simulators.start("faults.block-word", "forbidden")) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 20, "SAFE");
			List<String> lines = new ArrayList<>(Files.readAllLines(catalog));
			for (int row : new int[] { 2, 9, 17 }) {
				lines.set(row, lines.get(row).replace("Test item", "forbidden item"));
			}
			Files.write(catalog, lines);
			// when
			JobRun.Result result = run(simulator, catalog);
			// then
			assertThat(result.exitCode()).isEqualTo(ExitCodes.COMPLETED_WITH_SKIPS);
			Map<String, CSVRecord> rows = report().stream().collect(Collectors.toMap(row -> row.get("sku"), row -> row));
			assertThat(rows.values().stream().filter(row -> row.get("status").equals("SKIPPED")).map(row -> row.get("sku")))
				.containsExactlyInAnyOrder("SAFE-0002", "SAFE-0009", "SAFE-0017");
			assertThat(rows.get("SAFE-0009").get("reason")).matches("blocked:.*|IMAGE_SAFETY|.*SAFETY.*");
			assertThat(rows.get("SAFE-0009").get("attempts")).as("a content decision is not retried").isEqualTo("1");
			assertThat(rows.values().stream().filter(row -> row.get("status").equals("GENERATED"))).hasSize(17);
		}
	}

	@Test
	void beyondTheSkipLimitTheRunFails() throws IOException {
		try (SimulatorServer simulator = Simulators.start("faults.block-word", "Test")) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 12, "LIMIT");
			JobRun.Result result = run(simulator, catalog, "--skip-limit", "3", "--concurrency", "2");
			assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
		}
	}

	@ParameterizedTest(name = "{0} wire, {1}")
	@CsvSource({ "gemini, key-invalid, gemini-3.1-flash-image-preview", "openai, 401, gpt-image-1" })
	void aBadKeyAfterSomeProductsFailsTheRunWithoutSkippingAndTheRerunPaysForNothingTwice(String wire,
			String systemic, String model) throws IOException {
		// given: the provider turns systemic (a revoked key) after 10 requests
		try (SimulatorServer simulator = Simulators.start("wire", wire)) {
			simulator.faults().setSystemic(10, systemic);
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 40, "KEY");
			JobRun job = new JobRun(this.workspace).property("imagebatch.simulator.wire", wire);
			// when
			JobRun.Result first = job.run("run", "--input", catalog.toString(), "--provider", "simulator", "--base-url",
					simulator.baseUrl(), "--concurrency", "4", "--model", model);
			// then: failed at once, nothing skipped, the rest pending
			assertThat(first.exitCode()).as(first.out()).isEqualTo(ExitCodes.FAILED);
			assertThat(first.err()).contains("error:");
			assertThat(statusCounts(job)).doesNotContainKey("SKIPPED").containsEntry("GENERATED", 10L);
			assertThat(simulator.stats().requests()).as("stopped within a chunk per worker").isLessThanOrEqualTo(10 + 4);
			// when: the key is fixed and the same command runs again
			simulator.faults().clearSystemic();
			JobRun.Result second = job.run("run", "--input", catalog.toString(), "--provider", "simulator",
					"--base-url", simulator.baseUrl(), "--concurrency", "4", "--model", model);
			// then
			assertThat(second.exitCode()).as(second.err()).isZero();
			assertThat(statusCounts(job)).containsOnly(Map.entry("GENERATED", 40L));
			assertThat(simulator.stats().generationsByPrompt().values()).as("no image generated twice").containsOnly(1);
			assertThat(simulator.stats().generationsByPrompt()).hasSize(40);
		}
	}

	@Test
	void aSpentDailyQuotaStopsTheRunAndARestartAfterTheResetCompletesIt() throws IOException {
		// given: the provider's daily quota allows 8 more requests
		try (SimulatorServer simulator = Simulators.start("server-rpd", "8")) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 20, "RPD");
			// when
			JobRun.Result first = run(simulator, catalog, "--concurrency", "2");
			// then
			assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(ExitCodes.STOPPED);
			assertThat(first.err()).contains("stopped:").contains("daily-quota");
			assertThat(statusCounts(new JobRun(this.workspace))).containsEntry("GENERATED", 8L)
				.containsEntry("PENDING", 12L);
			// the per-day 429 carries a short RetryInfo, as real ones do: it is not taken as "retry soon" (at most
			// one 429 per worker, none retried)
			assertThat(simulator.stats().status(429)).isBetween(1L, 2L);
			// when: the quota resets
			simulator.setServerLimits(0, 0);
			JobRun.Result second = run(simulator, catalog, "--concurrency", "2");
			// then
			assertThat(second.exitCode()).as(second.err()).isZero();
			assertThat(statusCounts(new JobRun(this.workspace))).containsOnly(Map.entry("GENERATED", 20L));
		}
	}

	@Test
	void aSpentRequestBudgetStopsTheRunAndALargerBudgetFinishesIt() throws IOException {
		try (SimulatorServer simulator = Simulators.start()) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 15, "BUDGET");
			JobRun.Result first = run(simulator, catalog, "--rpd", "6", "--concurrency", "2");
			assertThat(first.exitCode()).isEqualTo(ExitCodes.STOPPED);
			assertThat(first.err()).contains("--rpd");
			assertThat(simulator.stats().requests()).isEqualTo(6);
			JobRun.Result second = run(simulator, catalog, "--rpd", "100", "--concurrency", "2");
			assertThat(second.exitCode()).as(second.err()).isZero();
			assertThat(simulator.stats().requests()).isEqualTo(15);
		}
	}

	@Test
	void aProviderFailingMostCallsFailsTheRunAndLeavesItsProductsPending() throws IOException {
		// given: every call answers 503
		try (SimulatorServer simulator = Simulators.start("faults.rate-503", "1.0")) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 60, "DOWN");
			// when
			JobRun.Result result = run(simulator, catalog, "--max-attempts", "2", "--concurrency", "4");
			// then
			assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
			assertThat(result.err()).contains("the provider is failing");
			assertThat(statusCounts(new JobRun(this.workspace))).doesNotContainKey("SKIPPED").containsEntry("PENDING", 60L);
			assertThat(simulator.stats().requests()).as("it gave up long before trying every product").isLessThan(60);
		}
	}

	@Test
	void aRetryHintOfHoursStopsTheRunAtOnceWithTheTimeToRestart() throws IOException {
		// given: every call answers 429 asking to wait 100,000 s x 0.01 = about 17 minutes, beyond max-retry-hint
		try (SimulatorServer simulator = Simulators.start("faults.rate-429", "1.0", "faults.retry-delay", "100000s",
				"time-scale", "0.01")) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 20, "BAN");
			// when
			JobRun.Result result = run(simulator, catalog, "--concurrency", "2");
			// then: stopped (restartable), saying when a restart makes sense, instead of every worker asleep
			assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(ExitCodes.STOPPED);
			assertThat(result.err()).contains("stopped:").contains("wait 16 min 40 s").contains("restart after");
			assertThat(statusCounts(new JobRun(this.workspace))).containsOnly(Map.entry("PENDING", 20L));
			assertThat(simulator.stats().requests()).as("one call per worker at most").isLessThanOrEqualTo(2);
		}
	}

	@Test
	void theSameRejectionForProductAfterProductFailsTheRunAsAConfigurationError() throws IOException {
		// given: a size the model does not have; the provider answers every product with the same 400
		try (SimulatorServer simulator = Simulators.start()) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 30, "CONF");
			// when
			JobRun.Result result = run(simulator, catalog, "--model", "gemini-2.5-flash-image", "--size", "4K",
					"--concurrency", "2");
			// then: failed as a configuration error after 5 identical rejections, not skipped up to the skip limit
			assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(ExitCodes.FAILED);
			assertThat(result.err()).contains("configuration error")
				.contains("Unsupported image size '4K' for model gemini-2.5-flash-image");
			assertThat(statusCounts(new JobRun(this.workspace))).as("left for the run with the fixed setting")
				.containsOnly(Map.entry("PENDING", 30L));
			assertThat(simulator.stats().requests()).isLessThanOrEqualTo(5 + 1);
		}
	}

	private JobRun.Result run(SimulatorServer simulator, Path catalog, String... extra) {
		List<String> args = new ArrayList<>(List.of("run", "--input", catalog.toString(), "--provider", "simulator",
				"--base-url", simulator.baseUrl()));
		args.addAll(List.of(extra));
		return new JobRun(this.workspace).property("imagebatch.generation.backoff-base", "20ms")
			.run(args.toArray(String[]::new));
	}

	/** report.csv: every product GENERATED, its attempts summing to the simulator's requests, some of them retried. */
	private void assertAllGeneratedWithEveryRequestCountedAndSomeRetried(SimulatorServer simulator) throws IOException {
		List<CSVRecord> report = report();
		assertThat(report).extracting(row -> row.get("status")).containsOnly("GENERATED");
		assertThat(report.stream().mapToInt(row -> Integer.parseInt(row.get("attempts"))).sum())
			.isEqualTo(simulator.stats().requests());
		assertThat(report).anySatisfy(row -> assertThat(Integer.parseInt(row.get("attempts"))).isGreaterThan(1));
	}

	private List<CSVRecord> report() throws IOException {
		return csv(this.workspace.resolve("output/report.csv"));
	}

	private static Map<String, Long> statusCounts(JobRun job) {
		return job.jdbc()
			.query("select status, count(*) from catalog_item group by status",
					(rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

}
