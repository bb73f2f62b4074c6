package com.catalogimage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.catalogimage.remote.RemoteWorker;
import com.catalogimage.support.Catalogs;
import com.catalogimage.support.Database;
import com.catalogimage.support.InProcessRemoteRun;
import com.catalogimage.support.JobRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Remote partitioning in one JVM: a manager ({@code run --workers remote}) and {@code worker} commands, each its own
 * application context, meeting at an embedded Artemis broker on a free port of 127.0.0.1, on a real PostgreSQL job
 * repository, calling a simulator the test started ({@link InProcessRemoteRun}). The multi-JVM faults (kill -9,
 * broker restart) are in {@code RemotePartitioningIT}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RemotePartitioningJobTests {

	private static final int PRODUCTS = 24;

	@TempDir
	Path workspace;

	@RegisterExtension
	final InProcessRemoteRun remote = InProcessRemoteRun.in(() -> this.workspace);

	@Test
	void aManagerAndTwoWorkersGenerateEveryProductExactlyOnce() throws Exception {
		// given
		Database database = Database.postgres();
		Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), PRODUCTS, "REM");
		JobRun manager = this.remote.manager(database);
		this.remote.worker(database, manager.output(), "one");
		this.remote.worker(database, manager.output(), "two");
		// when
		JobRun.Result run = manager.run(this.remote.managerArgs(catalog, "--partitions", "6"));
		// then
		assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
		assertThat(this.remote.simulator().stats().requestsByPrompt()).hasSize(PRODUCTS);
		assertThat(this.remote.simulator().stats().requestsByPrompt().values()).as("each product called once")
			.containsOnly(1);
		assertThat(Files.readString(manager.output().resolve("report.csv")).lines().filter(line -> line.contains(",GENERATED,")))
			.hasSize(PRODUCTS);
		assertThat(database.jdbc().queryForObject("select count(*) from batch_step_execution where step_name like "
				+ "'generateWorker:%' and status = 'COMPLETED'", Integer.class)).isEqualTo(6);
		assertThat(database.jdbc().queryForObject("select count(distinct worker) from partition_worker", Integer.class))
			.as("slots taken by worker processes, not by the manager").isBetween(1, 2);
	}

	@Test
	void withoutAWorkerTheManagerEndsAfterTheStartTimeoutSayingHowToStartOne() throws Exception {
		// given: nobody takes the slots
		Database database = Database.postgres();
		Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 3, "LONE");
		JobRun manager = this.remote.manager(database).property("imagebatch.remote.start-timeout", "3s");
		// when
		JobRun.Result run = manager.run(this.remote.managerArgs(catalog));
		// then
		assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
		assertThat(run.err()).contains("error: no worker took a partition within 3s: start workers with `java -jar "
				+ "catalog-image-batch.jar worker --broker " + this.remote.broker().url());
		assertThat(this.remote.simulator().stats().requests()).isZero();
		assertThat(database.jdbc().queryForObject("select status from batch_job_execution", String.class))
			.isEqualTo("FAILED");
	}

	@Test
	void aWorkerConfiguredForAnotherModelOrDatabaseRefusesAndPutsTheSlotBackForOneThatFits() throws Exception {
		// given: a run waiting for workers
		Database database = Database.postgres();
		Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 6, "MIS");
		JobRun manager = this.remote.manager(database);
		CompletableFuture<JobRun.Result> run = this.remote.background("manager",
				() -> manager.run(this.remote.managerArgs(catalog, "--partitions", "2")));
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> slots(database) == 2);
		// when: a worker for another model, then one with another database, then one that fits
		JobRun.Result otherModel = new JobRun(this.workspace.resolve("other-model"), database)
			.run(this.remote.workerArgs(manager.output(), "--model", "gemini-2.5-flash-image"));
		JobRun.Result otherDatabase = new JobRun(this.workspace.resolve("other-db"), Database.postgres())
			.run(this.remote.workerArgs(manager.output()));
		this.remote.worker(database, manager.output(), "fits");
		// then
		assertThat(otherModel.exitCode()).as(otherModel.out() + otherModel.err()).isEqualTo(64);
		assertThat(otherModel.err().strip().lines().filter(line -> line.startsWith("error:")))
			.singleElement()
			.asString()
			.contains("this worker cannot run the slots of job execution")
			.contains("the run's model is gemini-3.1-flash-image-preview, this worker's gemini-2.5-flash-image (--model)");
		assertThat(otherDatabase.exitCode()).as(otherDatabase.out() + otherDatabase.err()).isEqualTo(64);
		assertThat(otherDatabase.err()).contains("this worker's database").contains("(--db-url)");
		JobRun.Result completed = run.get(2, TimeUnit.MINUTES);
		assertThat(completed.exitCode()).as(completed.out() + completed.err()).isZero();
		assertThat(this.remote.simulator().stats().requestsByPrompt()).hasSize(6);
		assertThat(this.remote.simulator().stats().requestsByPrompt().values()).containsOnly(1);
	}

	@Test
	void aSlotWhoseWorkerStoppedBeatingIsSentAgainAndTheRunCompletes() throws Exception {
		// given: a run whose first slot a worker took and then died with (its row says so: a beat an hour old)
		Database database = Database.postgres();
		Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 6, "DEAD");
		JobRun manager = this.remote.manager(database).property("imagebatch.remote.lease", "3s");
		CompletableFuture<JobRun.Result> run = this.remote.background("manager",
				() -> manager.run(this.remote.managerArgs(catalog, "--partitions", "2")));
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> slots(database) == 2);
		long jobExecution = database.jdbc().queryForObject("select job_execution_id from batch_job_execution",
				Long.class);
		long first = database.jdbc().queryForObject("select min(step_execution_id) from batch_step_execution where "
				+ "step_name like 'generateWorker:%'", Long.class);
		OffsetDateTime longAgo = OffsetDateTime.now().minusHours(1);
		database.jdbc().update("insert into partition_worker (step_execution_id, job_execution_id, worker, taken_at, "
				+ "beat_at) values (?, ?, 'ghost:1:dead', ?, ?)", first, jobExecution, longAgo, longAgo);
		// when: a live worker comes
		this.remote.worker(database, manager.output(), "live");
		// then: the dead worker's slot is sent again, the live worker runs it, and the run completes
		JobRun.Result completed = run.get(2, TimeUnit.MINUTES);
		assertThat(completed.exitCode()).as(completed.out() + completed.err()).isZero();
		assertThat(database.jdbc().queryForObject("select worker from partition_worker where step_execution_id = ?",
				String.class, first)).isNotEqualTo("ghost:1:dead");
		assertThat(this.remote.simulator().stats().requestsByPrompt().values()).hasSize(6).containsOnly(1);
	}

	@Test
	void aWorkerToldToStopLeavesTheRunAndTheOtherWorkerCompletesIt() throws Exception {
		// given: a paced run (so that it is mid-run when the worker leaves) served by two workers
		Database database = Database.postgres();
		Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 40, "LEAVE");
		JobRun manager = this.remote.manager(database).property("imagebatch.generation.rpm", "300");
		CompletableFuture<JobRun.Result> run = this.remote.background("manager",
				() -> manager.run(this.remote.managerArgs(catalog, "--partitions", "4")));
		pacedWorker(database, manager.output(), "one");
		pacedWorker(database, manager.output(), "two");
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> generated(database) >= 4
				&& slotHolder(database) != null);
		RemoteWorker leaver = slotHolder(database);
		// when: a worker running slots is told to stop, as its SIGTERM tells it
		leaver.leave("told to stop by the test", Duration.ofMinutes(1));
		// then: it ends, and the run goes on with the other worker to the end
		await().atMost(Duration.ofSeconds(60)).until(() -> !RemoteWorker.serving().contains(leaver));
		assertThat(generated(database)).as("the run was mid-way when the worker left").isLessThan(40);
		JobRun.Result completed = run.get(2, TimeUnit.MINUTES);
		assertThat(completed.exitCode()).as(completed.out() + completed.err()).isZero();
		assertThat(database.jdbc().queryForObject("select status from batch_job_execution", String.class))
			.isEqualTo("COMPLETED");
		assertThat(database.jdbc().queryForList("select status from batch_step_execution where step_name like "
				+ "'generateWorker:%'", String.class)).hasSize(4).containsOnly("COMPLETED");
		assertThat(database.jdbc().queryForObject("select state from run_gate", String.class)).isEqualTo("OPEN");
		assertThat(this.remote.simulator().stats().requestsByPrompt()).hasSize(40);
		assertThat(this.remote.simulator().stats().requestsByPrompt().values()).as("each product called once")
			.containsOnly(1);
		assertThat(generated(database)).isEqualTo(40);
	}

	@Test
	void whenTheLastWorkerLeavesTheManagerWaitsAndTheNextWorkerCompletesTheSameRun() throws Exception {
		// given: a paced run served by one worker
		Database database = Database.postgres();
		Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 30, "LAST");
		JobRun manager = this.remote.manager(database).property("imagebatch.generation.rpm", "300");
		CompletableFuture<JobRun.Result> run = this.remote.background("manager",
				() -> manager.run(this.remote.managerArgs(catalog, "--partitions", "2")));
		CompletableFuture<JobRun.Result> leaving = pacedWorker(database, manager.output(), "last");
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> generated(database) >= 3
				&& slotHolder(database) != null);
		// when: it leaves, and only then another worker comes
		slotHolder(database).leave("told to stop by the test", Duration.ofMinutes(1));
		assertThat(leaving.get(2, TimeUnit.MINUTES).exitCode()).isZero();
		int whenLeft = generated(database);
		assertThat(run).as("the run waits for a worker rather than ending").isNotDone();
		assertThat(database.jdbc().queryForObject("select count(*) from partition_worker", Integer.class))
			.as("the slots were handed back").isZero();
		pacedWorker(database, manager.output(), "next");
		// then: the same run completes, every product bought once
		JobRun.Result completed = run.get(2, TimeUnit.MINUTES);
		assertThat(completed.exitCode()).as(completed.out() + completed.err()).isZero();
		assertThat(whenLeft).isLessThan(30);
		assertThat(generated(database)).isEqualTo(30);
		assertThat(database.jdbc().queryForList("select status from batch_step_execution where step_name like "
				+ "'generateWorker:%'", String.class)).hasSize(2).containsOnly("COMPLETED");
		assertThat(this.remote.simulator().stats().requestsByPrompt().values()).hasSize(30).containsOnly(1);
	}

	@Test
	void remoteWorkersRefuseAnH2JobDatabase() {
		JobRun h2 = new JobRun(this.workspace.resolve("h2"));
		JobRun.Result run = h2.run("run", "--workers", "remote", "--broker", this.remote.broker().url());
		JobRun.Result worker = h2.run("worker", "--broker", this.remote.broker().url());
		assertThat(run.exitCode()).isEqualTo(64);
		assertThat(run.err().strip()).startsWith("error: --workers remote needs a job database every process can reach: "
				+ "PostgreSQL").doesNotContain("\n");
		assertThat(worker.exitCode()).isEqualTo(64);
		assertThat(worker.err().strip()).startsWith("error: worker needs a job database every process can reach")
			.doesNotContain("\n");
	}

	@Test
	void withoutBrokerTheManagerServesAnEmbeddedOneOnLoopbackAndSaysSo() throws Exception {
		// given: no --broker (the only test that uses the default port)
		Database database = Database.postgres();
		Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 2, "EMB");
		JobRun manager = this.remote.manager(database).property("imagebatch.remote.start-timeout", "2s");
		// when
		JobRun.Result run = manager.run("run", "--workers", "remote", "--input", catalog.toString(), "--base-url",
				this.remote.simulator().baseUrl());
		// then: it served the broker, and the workers it names would connect to it
		assertThat(run.out()).contains("No --broker: serving an embedded broker on tcp://127.0.0.1:61616 for this "
				+ "run's workers; start them with: java -jar catalog-image-batch.jar worker --broker tcp://127.0.0.1:61616");
		assertThat(run.err()).contains("no worker took a partition within 2s: start workers with `java -jar "
				+ "catalog-image-batch.jar worker --broker tcp://127.0.0.1:61616");
		assertThat(run.exitCode()).isEqualTo(1);
	}

	@Test
	void aWorkerWithoutItsProvidersKeyRefusesToStart() {
		JobRun.Result worker = new JobRun(this.workspace.resolve("keyless"), Database.postgres())
			.property("imagebatch.provider.gemini.api-key-env", "CATALOG_TEST_UNSET_KEY")
			.run("worker", "--broker", this.remote.broker().url(), "--provider", "gemini");
		assertThat(worker.exitCode()).isEqualTo(64);
		assertThat(worker.err()).contains("error: the environment variable CATALOG_TEST_UNSET_KEY holding the API key is "
				+ "not set");
	}

	/** A worker at the run's test pace, serving in the background until it leaves or the test ends. */
	private CompletableFuture<JobRun.Result> pacedWorker(Database database, Path output, String name) {
		JobRun worker = this.remote.workerRun(database, name).property("imagebatch.generation.rpm", "300");
		return this.remote.background("worker-" + name, () -> worker.run(this.remote.workerArgs(output)));
	}

	/**
	 * A worker of this JVM that runs a slot of this test's run now, or null (the database is the test's own, so a
	 * worker an earlier test left serving is never it).
	 */
	private static RemoteWorker slotHolder(Database database) {
		List<String> holders = database.jdbc().queryForList("select w.worker from partition_worker w join "
				+ "batch_step_execution s on s.step_execution_id = w.step_execution_id where s.status = 'STARTED'",
				String.class);
		return RemoteWorker.serving().stream().filter(worker -> holders.contains(worker.name())).findFirst()
			.orElse(null);
	}

	private static int generated(Database database) {
		return database.jdbc().queryForObject("select count(*) from catalog_item where status = 'GENERATED'",
				Integer.class);
	}

	private static int slots(Database database) {
		return database.jdbc().queryForObject("select count(*) from batch_step_execution where step_name like "
				+ "'generateWorker:%'", Integer.class);
	}

}
