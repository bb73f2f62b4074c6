package com.catalogimage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.support.Catalogs;
import com.catalogimage.support.ChildJob;
import com.catalogimage.support.Simulators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar in batch mode killed for real ({@code kill -9}) while it waits for its batch: {@code recover} and
 * the same {@code run} follow the batch it created, and create none for the same products. (The moment between the
 * create call and recording its answer is too short to hit with a signal; {@code BatchCrashJobTests} plays it.)
 */
class BatchKillIT {

	private static final int PRODUCTS = 20;

	@TempDir
	Path workspace;

	@Test
	void killedWhilePollingTheRestartFollowsTheSameBatch() throws Exception {
		// given: a batch takes 600 s simulated, 6 s here
		try (SimulatorServer simulator = Simulators.start("time-scale", "0.01", "batch.delay", "600s")) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), PRODUCTS, "BKILL");
			ChildJob job = new ChildJob(this.workspace, simulator.baseUrl());
			String[] run = { "run", "--input", catalog.toString(), "--mode", "batch", "--batch-poll", "200ms" };
			Process process = job.start(run);
			// when: killed once the batch is created and recorded, while the run polls it
			await().atMost(Duration.ofMinutes(2))
				.until(() -> job.logText().contains("Submitted batch") || !process.isAlive());
			process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			assertThat(process.exitValue()).as(job.logText()).isEqualTo(137);
			assertThat(simulator.stats().batches()).containsEntry("created", 1L);
			// then: recover and the same run
			assertThat(job.run("recover")).as(job.logText()).isZero();
			assertThat(job.run(run)).as(job.logText()).isZero();
			assertThat(simulator.stats().batches()).as("no second batch").containsEntry("created", 1L);
			assertThat(simulator.stats().generations()).as("no call").isZero();
			for (int i = 1; i <= PRODUCTS; i++) {
				assertThat(simulator.stats().billedFor(Catalogs.prompt("BKILL", i))).isEqualTo(1);
			}
			assertThat(job.jdbc().queryForList("select distinct status from catalog_item", String.class))
				.containsExactly("GENERATED");
			assertThat(job.jdbc().queryForList("select state || ' ' || (harvested_at is not null) from provider_batch",
					String.class)).containsExactly("SUCCEEDED TRUE");
		}
	}

	@Test
	void sigtermWhilePollingStopsAndTheSameCommandFollowsTheSameBatch() throws Exception {
		try (SimulatorServer simulator = Simulators.start("time-scale", "0.01", "batch.delay", "600s")) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), PRODUCTS, "BTERM");
			ChildJob job = new ChildJob(this.workspace, simulator.baseUrl());
			String[] run = { "run", "--input", catalog.toString(), "--mode", "batch", "--batch-poll", "200ms" };
			Process process = job.start(run);
			await().atMost(Duration.ofMinutes(2))
				.until(() -> job.logText().contains("Submitted batch") || !process.isAlive());
			// when
			process.destroy();
			// then: the wait ends at once, the run is STOPPED (exit 4), the batch left to the restart
			assertThat(process.waitFor(45, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(job.logText()).isEqualTo(4);
			assertThat(job.jdbc().queryForObject(
					"select status from batch_job_execution order by job_execution_id desc fetch first 1 rows only",
					String.class)).isEqualTo("STOPPED");
			assertThat(job.jdbc().queryForList("select status from batch_step_execution where step_name = 'generate'",
					String.class)).as("no call after the stop").isEmpty();
			assertThat(job.run(run)).as(job.logText()).isZero();
			assertThat(simulator.stats().batches()).as("no second batch").containsEntry("created", 1L);
			assertThat(simulator.stats().generations()).as("no call").isZero();
			assertThat(job.jdbc().queryForList("select distinct status from catalog_item", String.class))
				.containsExactly("GENERATED");
		}
	}

}
