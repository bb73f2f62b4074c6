package com.catalogimage;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.catalogimage.ops.ExitCodes;
import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.support.Catalogs;
import com.catalogimage.support.JobRun;
import com.catalogimage.support.Simulators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job in batch and auto mode against the simulator's Batch APIs (a batch takes the simulator's scaled
 * {@code batch.delay}; the job polls every 50 ms): the images bought at the batch price, applied once, and auto
 * meeting its deadline when the batches do not.
 */
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
			JobRun.Result result = run(simulator, catalog, "--run-id", "by-batch", "--mode", "batch", "--batch-size",
					"5");
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
				.isEqualByComparingTo(byCall.get(sku).multiply(new BigDecimal("0.5"))));
			assertThat(job.jdbc().queryForList("select state from provider_batch where job_instance_id = ?",
					String.class, batchRun)).containsExactly("HARVESTED", "HARVESTED", "HARVESTED");
			assertThat(job.jdbc().queryForObject("""
					select count(*) from generation_result r join provider_batch b on b.provider_name = r.batch_id
					where r.submitted_at = b.submitted_at""", Long.class)).isEqualTo(12L);
		}
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

	private JobRun.Result run(SimulatorServer simulator, Path catalog, String... extra) {
		List<String> args = new ArrayList<>(List.of("run", "--input", catalog.toString(), "--provider", "simulator",
				"--base-url", simulator.baseUrl(), "--batch-poll", "50ms"));
		args.addAll(List.of(extra));
		return new JobRun(this.workspace).run(args.toArray(String[]::new));
	}

	private static Map<String, Long> statusCounts(JobRun job) {
		return job.jdbc()
			.query("select status, count(*) from catalog_item group by status",
					(rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

}
