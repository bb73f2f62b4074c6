package com.catalogimage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.support.Catalogs;
import com.catalogimage.support.ChildJob;
import com.catalogimage.support.Simulators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** jobs/nightly-refresh.sh as cron runs it: one run per day, continued after a failure rather than started anew. */
class NightlyScriptIT {

	@TempDir
	Path workspace;

	@Test
	void aSecondAttemptTheSameDayContinuesThatDaysRun() throws Exception {
		try (SimulatorServer simulator = Simulators.start(Map.of("time-scale", "0.004", "api-key", "the-right-key"))) {
			// given
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 12, "CRON");
			ChildJob job = new ChildJob(this.workspace, simulator.baseUrl());
			// when: the first attempt has a wrong key (the provider answers API_KEY_INVALID)
			int first = script(catalog, job, simulator, "a-wrong-key");
			// then
			assertThat(first).isEqualTo(1);
			// when: the key is fixed and cron (or a person) runs it again the same day
			int second = script(catalog, job, simulator, "the-right-key");
			// then: the same job instance, continued, and complete
			assertThat(second).as(Files.readString(this.workspace.resolve("logs/nightly-2026-11-24.log"))).isZero();
			assertThat(job.jdbc().queryForObject("select count(*) from batch_job_instance", Integer.class)).isEqualTo(1);
			assertThat(job.jdbc().queryForList("select status from batch_job_execution order by job_execution_id",
					String.class))
				.containsExactly("FAILED", "COMPLETED");
			assertThat(job.output().resolve("images")).isDirectoryContaining("glob:**/CRON-0012.jpg");
			// bought through the Batch API (--mode auto with NIGHTLY_DEADLINE), none by a call
			assertThat(simulator.stats().batchGenerations()).isEqualTo(12);
			assertThat(simulator.stats().generations()).isZero();
			// and a third attempt that day has nothing to do
			assertThat(script(catalog, job, simulator, "the-right-key")).isZero();
			assertThat(job.jdbc().queryForObject("select count(*) from batch_job_execution", Integer.class)).isEqualTo(2);
			assertThat(Files.readString(this.workspace.resolve("logs/nightly-2026-11-24.log")))
				.contains("already completed")
				.contains("exit code 1")
				.contains("exit code 0");
		}
	}

	@Test
	void aCatalogWhoseFolderIsMissingIsAUsageErrorAndRunsNothing() throws Exception {
		try (SimulatorServer simulator = Simulators.start(Map.of("time-scale", "0.004", "api-key", "the-right-key"))) {
			// given: the catalog's folder is gone (readlink -f prints nothing for it)
			Path catalog = this.workspace.resolve("unmounted/share/products.csv");
			ChildJob job = new ChildJob(this.workspace, simulator.baseUrl());
			// when
			int code = script(catalog, job, simulator, "the-right-key");
			// then: exit 64 with the reason in the log, and no run at all (not of the sample catalog either)
			assertThat(code).isEqualTo(64);
			assertThat(Files.readString(this.workspace.resolve("logs/nightly-2026-11-24.log")))
				.contains("error: catalog not found: '" + catalog + "'");
			assertThat(simulator.stats().requests()).isZero();
			assertThat(job.output()).doesNotExist();
		}
	}

	private int script(Path catalog, ChildJob job, SimulatorServer simulator, String key) throws Exception {
		List<String> command = new ArrayList<>(List.of("bash", "jobs/nightly-refresh.sh", catalog.toString(), "gemini",
				"--base-url", simulator.baseUrl(), "--db-url", job.dbUrl(), "--output", job.output().toString(),
				"--rpm", "6000", "--concurrency", "4", "--batch-poll", "200ms"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		builder.environment().put("GEMINI_API_KEY", key);
		builder.environment().put("RUN_DATE", "2026-11-24");
		// hours away, whatever the time of day the test runs at: auto submits a batch
		builder.environment().put("NIGHTLY_DEADLINE", "6h");
		builder.environment().put("LOG_DIR", this.workspace.resolve("logs").toString());
		builder.environment()
			.put("CATALOG_IMAGE_JAR", Path.of(System.getProperty("catalog.jar", "target/catalog-image-batch.jar"))
				.toAbsolutePath()
				.toString());
		Process process = builder.start();
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		return process.exitValue();
	}

}
