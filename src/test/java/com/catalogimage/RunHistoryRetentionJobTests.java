package com.catalogimage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.catalogimage.ops.ExitCodes;
import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.support.Catalogs;
import com.catalogimage.support.JobRun;
import com.catalogimage.support.Simulators;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run history retention: a completed run deletes the rows of completed runs beyond the newest ones kept, and never
 * what a stopped run's restart or the next night's incremental run still needs.
 */
class RunHistoryRetentionJobTests {

	private static final int PRODUCTS = 6;

	@TempDir
	Path workspace;

	private SimulatorServer simulator;

	private JobRun job;

	private Path catalog;

	@BeforeEach
	void start() throws IOException {
		this.simulator = Simulators.start(Map.of("time-scale", "0.004"));
		this.job = new JobRun(this.workspace).property("imagebatch.retention.keep-runs", "1")
			.property("imagebatch.retention.min-age", "0s");
		this.catalog = Catalogs.write(this.workspace.resolve("products.csv"), PRODUCTS, "RET");
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void aCompletedRunDeletesOlderCompletedRunsButKeepsAStoppedOneRestartable() throws IOException {
		// given: night 1 completes, night 2 stops on its budget before its first call (the catalog changed, so it
		// has something to buy), night 3 completes
		assertThat(night("night-1").exitCode()).isZero();
		long night1 = instanceOf("night-1");
		assertThat(rowsOf(night1)).isPositive();
		Catalogs.write(this.catalog, PRODUCTS + 1, "RET");
		JobRun.Result stopped = night("night-2", "--max-cost", "0.000001");
		assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(ExitCodes.STOPPED);
		long night2 = instanceOf("night-2");
		// when
		assertThat(night("night-3").exitCode()).isZero();
		// then: night 1 is gone, with its products, results and journal; night 2 is kept whole
		assertThat(count("select count(*) from batch_job_instance where job_instance_id = ?", night1)).isZero();
		assertThat(rowsOf(night1)).isZero();
		assertThat(count("select count(*) from batch_job_instance where job_instance_id = ?", night2)).isOne();
		assertThat(count("select count(*) from catalog_item where job_instance_id = ? and status = 'PENDING'", night2))
			.isOne();
		// and the manifest still knows every image: night 3 paid only for the one new product
		assertThat(this.simulator.stats().requests()).isEqualTo(PRODUCTS + 1);
		assertThat(count("select count(*) from image_manifest")).isEqualTo(PRODUCTS + 1);
		// and the stopped night still continues, at no cost: night 3 bought what it lacked, into the image cache
		JobRun.Result restarted = night("night-2");
		assertThat(restarted.exitCode()).as(restarted.err()).isZero();
		assertThat(this.simulator.stats().requests()).isEqualTo(PRODUCTS + 1);
	}

	@Test
	void runsYoungerThanTheMinimumAgeAreKept() {
		this.job.property("imagebatch.retention.min-age", "1h");
		assertThat(night("night-1").exitCode()).isZero();
		assertThat(night("night-2").exitCode()).isZero();
		assertThat(night("night-3").exitCode()).isZero();
		assertThat(count("select count(*) from batch_job_instance")).isEqualTo(3);
		assertThat(count("select count(distinct job_instance_id) from catalog_item")).isEqualTo(3);
	}

	private JobRun.Result night(String runId, String... extra) {
		List<String> args = new java.util.ArrayList<>(List.of("run", "--input", this.catalog.toString(), "--base-url",
				this.simulator.baseUrl(), "--run-id", runId));
		args.addAll(List.of(extra));
		return this.job.run(args.toArray(String[]::new));
	}

	private long instanceOf(String runId) {
		return count("""
				select max(e.job_instance_id) from batch_job_execution e
				  join batch_job_execution_params p on p.job_execution_id = e.job_execution_id
				 where p.parameter_value = ?""", runId);
	}

	private long rowsOf(long instanceId) {
		return count("select count(*) from catalog_item where job_instance_id = ?", instanceId)
				+ count("select count(*) from generation_result where job_instance_id = ?", instanceId)
				+ count("select count(*) from generation_attempt where job_instance_id = ?", instanceId);
	}

	private long count(String sql, Object... args) {
		Long count = this.job.jdbc().queryForObject(sql, Long.class, args);
		return count == null ? 0 : count;
	}

}
