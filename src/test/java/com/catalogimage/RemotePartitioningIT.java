package com.catalogimage;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.support.Catalogs;
import com.catalogimage.support.Database;
import com.catalogimage.support.Simulators;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Remote partitioning with the packaged jar in separate processes, as on several machines: a broker ({@code broker}
 * with a data folder), a manager ({@code run --workers remote}) and two {@code worker} JVMs, all on 127.0.0.1, one
 * PostgreSQL database, and a simulator the test started (so its counts survive the processes). Each test kills or
 * restarts one of them mid-run; the run must complete with every product generated once, beyond the calls that were
 * in flight in a killed process.
 */
class RemotePartitioningIT {

	private static final Logger log = LoggerFactory.getLogger(RemotePartitioningIT.class);

	private static final int PRODUCTS = 60;

	/** Each worker: 4 calls in flight, 6 slots (GenerationProperties.workers()); 2 workers take 12 of the 16 slots. */
	private static final String CONCURRENCY = "4";

	private static final String PARTITIONS = "16";

	@TempDir
	Path workspace;

	private final List<Process> processes = new ArrayList<>();

	private Database database;

	private SimulatorServer simulator;

	private int brokerPort;

	private Path catalog;

	@BeforeEach
	void setUp() throws IOException {
		this.database = Database.postgres();
		try (ServerSocket free = new ServerSocket(0)) {
			this.brokerPort = free.getLocalPort();
		}
		// about 0.2 s a call: 60 products on 8 calls in flight take about 2 s of calls
		this.simulator = Simulators.start(Map.of("time-scale", "0.02", "latency-sigma", "0.3"));
		this.catalog = Catalogs.write(this.workspace.resolve("products.csv"), PRODUCTS, "RPI");
	}

	@AfterEach
	void tearDown() throws InterruptedException {
		for (Process process : this.processes) {
			process.destroyForcibly();
		}
		for (Process process : this.processes) {
			process.waitFor(30, TimeUnit.SECONDS);
		}
		this.simulator.close();
	}

	@Test
	void twoWorkersGenerateEveryProductOnceWithinTheSharedRateAndNo429() throws Exception {
		// given: a provider that answers 429 beyond 600 requests a minute, and a shared limit of 600 (each worker
		// pacing itself at 600 would send up to 1,200)
		this.simulator.setServerLimits(600, 0);
		broker();
		worker("one", "--rpm", "600");
		worker("two", "--rpm", "600");
		// when
		Process manager = manager("--rpm", "600");
		// then: 60 products at 600 rpm take about 6 s
		assertThat(manager.waitFor(3, TimeUnit.MINUTES)).isTrue();
		assertThat(manager.exitValue()).as(logOf("manager")).isZero();
		assertEveryProductGeneratedOnce();
		assertThat(this.simulator.stats().rateLimited()).as("429s with one shared limit").isZero();
		logOf("manager").lines().filter(line -> line.contains("throughput:")).forEach(line -> log.info("2 workers, shared "
				+ "600 rpm: {}", line.strip()));
	}

	@Test
	void aWorkerKilledMidRunLeavesItsSlotsToTheOtherAndTheRunCompletes() throws Exception {
		// given
		broker();
		Process doomed = worker("doomed");
		worker("survivor");
		Process manager = manager();
		await().atMost(Duration.ofMinutes(2)).until(() -> this.simulator.stats().generations() >= PRODUCTS / 4);
		// when
		doomed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		long generatedAtKill = this.simulator.stats().generations();
		// what may be asked again: the journal's calls without an end (the dead worker's stay so for good; the
		// survivor's of this moment are counted too, an upper bound) and deliveries not yet recorded
		long inFlight = this.database.jdbc().queryForObject("select count(*) from generation_attempt a join "
				+ "catalog_item c on c.id = a.item_id where a.outcome = 'IN_FLIGHT' or (a.outcome = 'DELIVERED' and "
				+ "c.status = 'PENDING')", Long.class);
		// then
		assertThat(manager.waitFor(3, TimeUnit.MINUTES)).as(logOf("manager")).isTrue();
		assertThat(manager.exitValue()).as(logOf("manager")).isZero();
		Map<String, String> report = reportStatuses();
		assertThat(report).hasSize(PRODUCTS);
		assertThat(report.values()).isSubsetOf("GENERATED", "CACHED");
		long duplicates = this.simulator.stats().generations() - PRODUCTS;
		log.info("worker kill -9 at {} of {} generated: {} calls in flight, {} generated twice", generatedAtKill,
				PRODUCTS, inFlight, duplicates);
		assertThat(duplicates).as("generated twice: at most the calls in flight at the kill").isBetween(0L, inFlight);
	}

	@Test
	void aKilledManagerIsRecoveredAndTheRunContinuesWithTheSameWorkers() throws Exception {
		// given
		broker();
		worker("one");
		worker("two");
		Process manager = manager();
		await().atMost(Duration.ofMinutes(2)).until(() -> this.simulator.stats().generations() >= PRODUCTS / 4);
		// when
		manager.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		int inFlight = this.simulator.stats().inFlight();
		// the killed manager's heartbeat is fresh for 30 s: --force says we know it is dead
		assertThat(child("recover", List.of("recover", "--force", "--db-url", this.database.url(), "--db-user",
				this.database.user())).waitFor(2, TimeUnit.MINUTES)).isTrue();
		Process again = manager();
		// then
		assertThat(again.waitFor(3, TimeUnit.MINUTES)).isTrue();
		assertThat(again.exitValue()).as(logOf("manager")).isZero();
		assertThat(reportStatuses()).hasSize(PRODUCTS);
		long duplicates = this.simulator.stats().generations() - PRODUCTS;
		log.info("manager kill -9: {} generated twice (calls in flight at the kill: {}, both workers' slots of the "
				+ "killed execution ran on until they met the recovery)", duplicates, inFlight);
		assertThat(duplicates).isLessThanOrEqualTo(2L * Integer.parseInt(CONCURRENCY));
	}

	@Test
	void theBrokerRestartedMidRunKeepsItsQueueAndTheWorkersReconnect() throws Exception {
		// given: more slots than the workers' threads, so some requests wait in the broker's queue
		Process broker = broker();
		worker("one");
		worker("two");
		Process manager = manager();
		await().atMost(Duration.ofMinutes(2)).until(() -> this.simulator.stats().generations() >= PRODUCTS / 4);
		// when: the broker stops and starts again with its data folder
		broker.destroy();
		assertThat(broker.waitFor(30, TimeUnit.SECONDS)).isTrue();
		broker();
		// then
		assertThat(manager.waitFor(3, TimeUnit.MINUTES)).isTrue();
		assertThat(manager.exitValue()).as(logOf("manager")).isZero();
		assertEveryProductGeneratedOnce();
	}

	@Test
	void aWorkerEndsCleanlyOnSigterm() throws Exception {
		// given: a worker waiting for slots
		broker();
		Process worker = worker("idle");
		await().atMost(Duration.ofMinutes(1)).until(() -> logOf("worker-idle").contains("takes slots from"));
		// when
		worker.destroy();
		// then
		assertThat(worker.waitFor(1, TimeUnit.MINUTES)).isTrue();
		assertThat(worker.exitValue()).as(logOf("worker-idle")).isZero();
		assertThat(logOf("worker-idle"))
			.contains("Shutdown requested: this worker leaves the run, which goes on with the other workers");
	}

	private void assertEveryProductGeneratedOnce() throws IOException {
		Map<String, String> report = reportStatuses();
		assertThat(report).hasSize(PRODUCTS);
		assertThat(report.values()).containsOnly("GENERATED");
		assertThat(this.simulator.stats().requestsByPrompt()).hasSize(PRODUCTS);
		assertThat(this.simulator.stats().requestsByPrompt().values()).as("no product requested twice").containsOnly(1);
	}

	private Process broker() throws Exception {
		Process broker = child("broker", List.of("broker", "--port", Integer.toString(this.brokerPort), "--data",
				this.workspace.resolve("broker-data").toString()));
		await().atMost(Duration.ofMinutes(1)).until(() -> logOf("broker").contains("Broker listening on"));
		return broker;
	}

	private Process worker(String name, String... more) throws IOException {
		List<String> args = new ArrayList<>(List.of("worker", "--concurrency", CONCURRENCY));
		args.addAll(List.of(more));
		args.addAll(common());
		return child("worker-" + name, args);
	}

	private Process manager(String... more) throws IOException {
		List<String> args = new ArrayList<>(List.of("run", "--workers", "remote", "--input", this.catalog.toString(),
				"--partitions", PARTITIONS, "--concurrency", CONCURRENCY));
		args.addAll(List.of(more));
		args.addAll(common());
		return child("manager", args);
	}

	/** What the manager and every worker must agree on: broker, database, provider, output. */
	private List<String> common() {
		return List.of("--broker", "tcp://127.0.0.1:" + this.brokerPort, "--db-url", this.database.url(), "--db-user",
				this.database.user(), "--provider", "gemini", "--base-url", this.simulator.baseUrl(), "--output",
				output().toString());
	}

	private Process child(String name, List<String> args) throws IOException {
		String jar = System.getProperty("catalog.jar", "target/catalog-image-batch.jar");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// short liveness settings so a killed worker is noticed and its products come back within seconds
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
				"-Dimagebatch.remote.lease=6s", "-Dimagebatch.remote.worker-stale-after=12s",
				"-Dimagebatch.remote.poll-interval=500ms", "-Dimagebatch.log-file=" + this.workspace.resolve(name + ".app.log"),
				"-jar", jar));
		command.addAll(args);
		Path folder = this.workspace.resolve(name);
		Files.createDirectories(folder);
		ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.workspace.resolve(name + ".log").toFile()));
		builder.environment().put("GEMINI_API_KEY", "child-test-key");
		builder.environment().put("CATALOG_DB_PASSWORD", this.database.password());
		Process process = builder.start();
		this.processes.add(process);
		return process;
	}

	private String logOf(String name) {
		try {
			Path file = this.workspace.resolve(name + ".log");
			return Files.exists(file) ? Files.readString(file) : "";
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private Path output() {
		return this.workspace.resolve("output");
	}

	/** sku to status from report.csv, checking each listed image is on disk. */
	private Map<String, String> reportStatuses() throws IOException {
		Map<String, String> statuses = new HashMap<>();
		try (Reader reader = Files.newBufferedReader(output().resolve("report.csv"), StandardCharsets.UTF_8)) {
			for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
				assertThat(output().resolve(row.get("image_path"))).exists();
				assertThat(statuses.put(row.get("sku"), row.get("status"))).as("one row per product").isNull();
			}
		}
		return statuses;
	}

}
