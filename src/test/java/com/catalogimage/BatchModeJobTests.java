package com.catalogimage;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.catalogimage.ops.ExitCodes;
import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.support.Catalogs;
import com.catalogimage.support.JobRun;
import com.catalogimage.support.Simulators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The job in batch and auto mode against the simulator's Batch APIs (a batch takes the simulator's scaled
 * {@code batch.delay}; the job polls every 50 ms): the images bought at the batch price, applied once, and auto
 * meeting its deadline when the batches do not.
 */
@ExtendWith(OutputCaptureExtension.class)
class BatchModeJobTests {

	/** The simulator prices its images as gemini-3.1-flash-image-preview at 1K, flat. */
	private static final BigDecimal FLAT_1K = new BigDecimal("0.067");

	@TempDir
	Path workspace;

	@Test
	void everyProductIsBoughtThroughABatchAtHalfThePriceOfACall() throws IOException {
		// given: a batch takes 100 s simulated, 0.1 s here; the same catalog once bought by calls, for the price
		try (SimulatorServer simulator = Simulators.start("batch.delay", "100s")) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 12, "HALF");
			JobRun.Result sync = run(simulator, catalog, "--run-id", "by-call");
			assertThat(sync.exitCode()).as(sync.out() + sync.err()).isZero();
			long calls = simulator.stats().generations();
			// when
			JobRun.Result result = run(simulator, catalog, "--run-id", "by-batch", "--output", output("batch"), "--mode",
					"batch", "--batch-size", "5");
			// then: three shards, every image bought once, by a batch line, at half the call's price
			assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
			JobRun job = new JobRun(this.workspace);
			long batchRun = instanceOf(job, "by-batch");
			assertThat(simulator.stats().generations()).as("no call in the batch run").isEqualTo(calls);
			assertThat(simulator.stats().batches()).containsEntry("created", 3L);
			for (int i = 1; i <= 12; i++) {
				assertThat(simulator.stats().batchGenerationsFor(Catalogs.prompt("HALF", i))).isEqualTo(1);
			}
			assertThat(job.jdbc().queryForList(
					"select distinct status || ' ' || mode from generation_result where job_instance_id = ?",
					String.class, batchRun)).containsExactly("GENERATED batch");
			Map<String, BigDecimal> byCall = costBySku(job, instanceOf(job, "by-call"));
			Map<String, BigDecimal> byBatch = costBySku(job, batchRun);
			assertThat(byBatch).hasSize(12);
			byBatch.forEach((sku, cost) -> assertThat(cost).as(sku)
				.isEqualByComparingTo(byCall.get(sku).multiply(new BigDecimal("0.5")).setScale(6, RoundingMode.HALF_UP)));
			assertThat(job.jdbc().queryForList(
					"select state || ' ' || (harvested_at is not null) from provider_batch where job_instance_id = ?",
					String.class, batchRun)).containsExactly("SUCCEEDED TRUE", "SUCCEEDED TRUE", "SUCCEEDED TRUE");
			assertThat(job.jdbc().queryForObject("""
					select count(*) from generation_result r join provider_batch b on b.provider_name = r.batch_id
					where r.submitted_at = b.submitted_at""", Long.class)).isEqualTo(12L);
		}
	}

	private String output(String name) {
		return this.workspace.resolve(name).toString();
	}

	private static long instanceOf(JobRun job, String runId) {
		return job.jdbc().queryForObject("""
				select job_instance_id from batch_job_execution_params p join batch_job_execution e
				  on e.job_execution_id = p.job_execution_id
				where p.parameter_name = 'run.id' and p.parameter_value = ? fetch first 1 rows only""", Long.class,
				runId);
	}

	private static Map<String, BigDecimal> costBySku(JobRun job, long instance) {
		return job.jdbc()
			.query("""
					select c.sku, r.cost_usd from generation_result r join catalog_item c on c.id = r.item_id
					where r.job_instance_id = ?""", (rs, row) -> Map.entry(rs.getString(1), rs.getBigDecimal(2)),
					instance)
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "stuck", "quota" })
	void aBatchThatDoesNotComeMakesAutoFinishSynchronouslyBeforeTheDeadline(String fault, CapturedOutput console)
			throws IOException {
		// given: earlier synchronous results of this model say how fast calls are; then every batch stays PENDING
		// (stuck), or the provider's queue refuses every create with a 429 (quota)
		try (SimulatorServer simulator = Simulators.start("batch.delay", "100s")) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 24, "LATE");
			JobRun.Result history = run(simulator, catalog, "--run-id", "yesterday");
			assertThat(history.exitCode()).as(history.out() + history.err()).isZero();
			if (fault.equals("stuck")) {
				simulator.batchFaults().setStuck(1.0);
			}
			else {
				simulator.batchFaults().setQuota(1.0);
			}
			long calls = simulator.stats().generations();
			// when: auto with a deadline 12 s away: polls of a second, and room for the calls even when a loaded machine
			// made the history run's calls slow
			JobRun.Result result = run(simulator, catalog, "--run-id", "tonight", "--output", output("tonight"),
					"--mode", "auto", "--deadline", "12s", "--batch-poll", "1s");
			// then: at the latest safe switch the batch was cancelled (or its create given up), and the products
			// bought by calls before the deadline
			assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
			assertThat(console.getOut()).contains("latest safe switch").contains("switching to synchronous calls");
			JobRun job = new JobRun(this.workspace);
			long tonight = instanceOf(job, "tonight");
			if (fault.equals("stuck")) {
				assertThat(simulator.stats().batches()).containsEntry("created", 1L).containsEntry("cancelled", 1L);
			}
			else {
				assertThat(simulator.stats().batches()).doesNotContainKey("created");
			}
			assertThat(simulator.stats().generations() - calls).isEqualTo(24);
			assertThat(job.jdbc().queryForList(
					"select distinct status || ' ' || mode from generation_result where job_instance_id = ?",
					String.class, tonight)).containsExactly("GENERATED sync");
			assertThat(job.jdbc().queryForList(
					"select state || ' ' || cancel_requested || ' ' || (harvested_at is not null) from provider_batch where job_instance_id = ?",
					String.class, tonight))
				.containsExactly(fault.equals("stuck") ? "CANCELLED TRUE TRUE" : "INTENT TRUE TRUE");
			Instant deadline = Instant.parse(job.jdbc().queryForObject("""
					select p.parameter_value from batch_job_execution_params p join batch_job_execution e
					  on e.job_execution_id = p.job_execution_id
					where p.parameter_name = 'deadline' and e.job_instance_id = ?""", String.class, tonight));
			Instant generated = job.jdbc().queryForObject("""
					select s.end_time from batch_step_execution s join batch_job_execution e
					  on e.job_execution_id = s.job_execution_id
					where s.step_name = 'generate' and e.job_instance_id = ?""", Timestamp.class, tonight)
				.toInstant();
			assertThat(generated).as("images done before the deadline").isBefore(deadline);
		}
	}

	@Test
	void noMoreBatchesAreOpenAtOnceThanAllowed() throws IOException {
		// given: the provider takes one open batch at a time (a second create would be a 429)
		try (SimulatorServer simulator = Simulators.start("batch.delay", "100s", "batch.max-concurrent", "1")) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 6, "OPEN");
			// when
			JobRun.Result result = runOneBatchAtATime(simulator, catalog, "--mode", "batch", "--batch-size", "2");
			// then: three batches, each created after the one before had ended, none refused
			assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
			assertThat(simulator.stats().batches()).containsEntry("created", 3L);
			List<Map<String, Object>> batches = new JobRun(this.workspace).jdbc()
				.queryForList("select intent_at, ended_at, last_error from provider_batch order by shard_no");
			assertThat(batches).hasSize(3).allSatisfy(batch -> assertThat(batch.get("last_error")).isNull());
			for (int i = 1; i < batches.size(); i++) {
				assertThat((OffsetDateTime) batches.get(i).get("intent_at"))
					.isAfterOrEqualTo((OffsetDateTime) batches.get(i - 1).get("ended_at"));
			}
		}
	}

	@Test
	void aDeadlineTooCloseGoesStraightToSynchronousCalls(CapturedOutput console) throws IOException {
		try (SimulatorServer simulator = Simulators.start("batch.delay", "100s")) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 6, "CLOSE");
			// when: three polls of a second alone take longer than the 1 s left
			JobRun.Result result = run(simulator, catalog, "--mode", "auto", "--deadline", "1s", "--batch-poll", "1s");
			// then
			assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
			assertThat(console.getOut()).contains("too close for a batch");
			assertThat(simulator.stats().batches()).doesNotContainKey("created");
			assertThat(simulator.stats().generations()).isEqualTo(6);
			assertThat(statusCounts(new JobRun(this.workspace))).containsOnly(Map.entry("GENERATED", 6L));
		}
	}

	@Test
	void whatAnExpiredBatchDidNotDeliverIsBoughtByCalls() throws IOException {
		// given: every batch expires when it would have finished (Gemini then returns no results at all)
		try (SimulatorServer simulator = Simulators.start("batch.delay", "100s", "batch.expire", "1.0")) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 6, "EXPIRE");
			// when
			JobRun.Result result = run(simulator, catalog, "--mode", "batch");
			// then
			assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
			assertThat(simulator.stats().batches()).containsEntry("created", 1L).containsEntry("expired", 1L);
			assertThat(simulator.stats().generations()).isEqualTo(6);
			JobRun job = new JobRun(this.workspace);
			assertThat(job.jdbc().queryForList("select distinct status || ' ' || mode from generation_result",
					String.class)).containsExactly("GENERATED sync");
			assertThat(job.jdbc().queryForList("select state || ' ' || (harvested_at is not null) from provider_batch",
					String.class)).containsExactly("EXPIRED TRUE");
		}
	}

	@Test
	void aRestartWithSyncSettlesTheBatchARunLeftOpenAndPaysForNothingTwice() throws Exception {
		// given: a batch run that fails while its batch is under way (the key revoked after the create)
		// 30 s at the tests' time scale (0.001): both runs end long before the batch would, even on a busy machine
		// (1000s, 1 s, let a loaded machine's runs outlast it, and the batch SUCCEEDED before the cancel)
		try (SimulatorServer simulator = Simulators.start("batch.delay", "30000s")) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 8, "SETTLE");
			CompletableFuture<JobRun.Result> first = CompletableFuture
				.supplyAsync(() -> run(simulator, catalog, "--mode", "batch"));
			await().atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofMillis(5))
				.until(() -> simulator.stats().batches().getOrDefault("created", 0L) >= 1 || first.isDone());
			simulator.faults().setSystemic(0, "401");
			assertThat(first.get(1, TimeUnit.MINUTES).exitCode()).isEqualTo(ExitCodes.FAILED);
			simulator.faults().clearSystemic();
			// when: the same run again, now buying by calls
			JobRun.Result second = run(simulator, catalog, "--mode", "sync", "--batch-poll", "500ms");
			// then: the open batch was cancelled and what it finished kept; every product bought exactly once
			assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
			assertThat(simulator.stats().batches()).containsEntry("created", 1L);
			for (int i = 1; i <= 8; i++) {
				assertThat(simulator.stats().billedFor(Catalogs.prompt("SETTLE", i))).isEqualTo(1);
			}
			JobRun job = new JobRun(this.workspace);
			assertThat(statusCounts(job)).containsOnly(Map.entry("GENERATED", 8L));
			assertThat(job.jdbc().queryForList(
					"select state || ' ' || cancel_requested || ' ' || (harvested_at is not null) from provider_batch",
					String.class)).containsExactly("CANCELLED TRUE TRUE");
		}
	}

	@Test
	void aDuplicateOutputIsBilledOnceAndAppliedOnce() throws IOException {
		// given: every delivered key gets a second, billed output line
		try (SimulatorServer simulator = Simulators.start("batch.delay", "100s", "batch.duplicates", "1.0")) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 8, "DUP");
			// when
			JobRun.Result result = run(simulator, catalog, "--mode", "batch");
			// then: 16 images billed, 8 applied, 8 counted as duplicates at their batch price
			assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
			assertThat(simulator.stats().batchGenerations()).isEqualTo(16);
			JobRun job = new JobRun(this.workspace);
			assertThat(statusCounts(job)).containsOnly(Map.entry("GENERATED", 8L));
			assertThat(job.jdbc().queryForObject("select count(*) from generation_result", Long.class)).isEqualTo(8);
			assertThat(job.jdbc().queryForObject("select count(*) from image_manifest", Long.class)).isEqualTo(8);
			assertThat(job.jdbc().queryForObject("select sum(duplicates) from provider_batch", Long.class))
				.isEqualTo(8);
			BigDecimal applied = job.jdbc().queryForObject("select sum(cost_usd) from generation_result",
					BigDecimal.class);
			assertThat(job.jdbc().queryForObject("select sum(duplicate_cost_usd) from provider_batch",
					BigDecimal.class)).isPositive().isEqualByComparingTo(applied);
			// and status's cost is the report's: what was billed, duplicates included
			JobRun.Result status = job.run("status");
			assertThat(status.out()).as(status.err()).contains("$" + applied.add(applied).setScale(4, RoundingMode.HALF_UP).toPlainString());
		}
	}

	@Test
	void aCostBudgetBoundsTheBatchesSubmittedAndStopsTheRunBeforeAnyCall(CapturedOutput console) throws IOException {
		// given: 10 products at $0.0335 each by batch (1K, flat); $0.12 holds three of them
		try (SimulatorServer simulator = Simulators.start("batch.delay", "100s")) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 10, "BUDGET");
			// when
			JobRun.Result result = run(simulator, catalog, "--mode", "batch", "--max-cost", "0.12");
			// then: three bought by one batch, none by a call, seven left pending for a larger budget
			assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(ExitCodes.STOPPED);
			assertThat(simulator.stats().batchGenerations()).isEqualTo(3);
			assertThat(simulator.stats().generations()).isZero();
			JobRun job = new JobRun(this.workspace);
			assertThat(statusCounts(job)).containsOnly(Map.entry("GENERATED", 3L), Map.entry("PENDING", 7L));
			assertThat(job.jdbc().queryForObject("select sum(cost_usd) from generation_result", BigDecimal.class))
				.isLessThanOrEqualTo(new BigDecimal("0.12"));
			assertThat(console.getOut()).contains("no more batches are submitted");
			assertThat(result.out() + result.err()).contains("the cost budget of $0.12 (--max-cost)");
		}
	}

	@Test
	void duplicateOutputsCountAgainstTheCostBudget() throws IOException {
		// given: every delivered key gets a second, billed output line; one batch open at a time, 4 products each;
		// the first batch bills 8 outputs ($0.268), which leaves $0.032 of $0.30: less than one more product
		try (SimulatorServer simulator = Simulators.start("batch.delay", "100s", "batch.duplicates", "1.0")) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 8, "DUPBUDGET");
			// when
			JobRun.Result result = runOneBatchAtATime(simulator, catalog, "--mode", "batch", "--batch-size", "4",
					"--max-cost", "0.30");
			// then: one batch, no call; what was billed (applied and duplicates) stays within the budget
			assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(ExitCodes.STOPPED);
			assertThat(simulator.stats().batches()).containsEntry("created", 1L);
			assertThat(simulator.stats().batchGenerations()).isEqualTo(8);
			assertThat(simulator.stats().generations()).isZero();
			JobRun job = new JobRun(this.workspace);
			BigDecimal billed = job.jdbc().queryForObject("select sum(cost_usd) from generation_result",
					BigDecimal.class).add(job.jdbc().queryForObject("select sum(duplicate_cost_usd) from provider_batch",
					BigDecimal.class));
			assertThat(billed).isLessThanOrEqualTo(new BigDecimal("0.30"));
			assertThat(statusCounts(job)).containsOnly(Map.entry("GENERATED", 4L), Map.entry("PENDING", 4L));
		}
	}

	@Test
	void aModelNotOfferedForBatchIsSaidOnceAndGeneratedByCalls(CapturedOutput console) throws IOException {
		try (SimulatorServer simulator = Simulators.start("batch.delay", "100s")) {
			simulator.batchFaults().setUnsupportedModels(List.of("gemini-3.1-flash-image-preview"));
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 4, "NOBATCH");
			JobRun.Result result = run(simulator, catalog, "--mode", "batch");
			assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
			assertThat(console.getOut().lines().filter(line -> line.contains("batchGenerateContent"))).hasSize(1);
			assertThat(simulator.stats().batches()).doesNotContainKey("created");
			assertThat(simulator.stats().generations()).isEqualTo(4);
		}
	}

	@Test
	void estimatePrintsTheLatestSafeSwitchTimeForADeadline() throws IOException {
		Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 10, "EST");
		JobRun job = new JobRun(this.workspace);
		// when: no earlier calls, so the typical 1K latency (13 s; p90 24.7 s, p99 41.6 s) at concurrency 8
		JobRun.Result later = job.run("estimate", "--input", catalog.toString(), "--deadline", "2h");
		JobRun.Result soon = job.run("estimate", "--input", catalog.toString(), "--deadline", "1m");
		// then: (10 x 24.7 s / 8 + 41.6 s) x 1.25 + 3 x 60 s = 270.6 s
		assertThat(later.exitCode()).as(later.err()).isZero();
		assertThat(later.out()).containsPattern("Deadline \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d: the latest safe switch to calls "
				+ "is \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\(finishing 10 products by calls takes about 4.5 min");
		assertThat(soon.out()).contains("too close: --mode auto would go straight to calls");
	}

	@Test
	void autoWithoutADeadlineIsAUsageError() throws IOException {
		Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 2, "NODEADLINE");
		JobRun job = new JobRun(this.workspace);
		JobRun.Result auto = job.run("run", "--input", catalog.toString(), "--mode", "auto");
		assertThat(auto.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(auto.err()).contains("--mode auto needs --deadline");
		JobRun.Result batch = job.run("run", "--input", catalog.toString(), "--mode", "batch", "--deadline", "6h");
		assertThat(batch.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(batch.err()).contains("--deadline is for --mode auto only");
		JobRun.Result nonsense = job.run("run", "--input", catalog.toString(), "--mode", "auto", "--deadline",
				"tomorrow");
		assertThat(nonsense.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(nonsense.err()).contains("--deadline needs a time HH:mm, an ISO instant or a duration such as 6h, "
				+ "not 'tomorrow'");
	}

	private JobRun.Result run(SimulatorServer simulator, Path catalog, String... extra) {
		return run(new JobRun(this.workspace), simulator, catalog, extra);
	}

	/** A run that keeps at most one batch open at a time. */
	private JobRun.Result runOneBatchAtATime(SimulatorServer simulator, Path catalog, String... extra) {
		return run(new JobRun(this.workspace).property("imagebatch.batch.max-open-batches", "1"), simulator, catalog,
				extra);
	}

	private static JobRun.Result run(JobRun job, SimulatorServer simulator, Path catalog, String... extra) {
		List<String> args = new ArrayList<>(List.of("run", "--input", catalog.toString(), "--provider", "simulator",
				"--base-url", simulator.baseUrl(), "--batch-poll", "50ms"));
		args.addAll(List.of(extra));
		return job.run(args.toArray(String[]::new));
	}

	private static Map<String, Long> statusCounts(JobRun job) {
		return job.jdbc()
			.query("select status, count(*) from catalog_item group by status",
					(rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

}
