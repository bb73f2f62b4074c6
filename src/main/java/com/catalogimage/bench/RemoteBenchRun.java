package com.catalogimage.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.catalogimage.generation.GenerationProperties;
import com.catalogimage.remote.EmbeddedBroker;
import com.catalogimage.run.CatalogImageJob;
import com.catalogimage.storage.ResultRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * One remote run: a fresh database, workspace (catalog, shared output folder) and broker, {@code N} worker JVMs
 * started from the jar, and the manager ({@code run --workers remote}) in this process; then the workers are stopped,
 * the facts read from the database and the database dropped.
 */
final class RemoteBenchRun {

	private final BenchSettings settings;

	private final RemoteBenchSettings remote;

	private final BenchDatabases databases;

	private final JobCommand job;

	private final BenchSimulator simulator;

	private final MachineCpu cpu;

	private final Path jar;

	RemoteBenchRun(BenchSettings settings, RemoteBenchSettings remote, BenchDatabases databases, JobCommand job,
			BenchSimulator simulator, MachineCpu cpu, Path jar) {
		this.settings = settings;
		this.remote = remote;
		this.databases = databases;
		this.job = job;
		this.simulator = simulator;
		this.cpu = cpu;
		this.jar = jar;
	}

	/** @param failures receives the manager's and the workers' output when the run does not complete */
	RemoteMeasurement measure(int round, int workerJvms, PrintStream failures) throws IOException, InterruptedException {
		String database = BenchDatabases.freshName(workerJvms, round);
		String dbUrl = this.databases.create(database);
		// created once the database is: a server that refuses must not leave an empty workspace behind
		Path workspace = Files.createTempDirectory("catalog-bench-remote-");
		try (EmbeddedBroker broker = EmbeddedBroker.start(freePort(), null)) {
			Path catalog = BenchCatalog.write(workspace.resolve("products.csv"), this.settings.items(), "r" + round);
			List<String> common = common(this.settings, broker.url(), dbUrl, this.remote.user(),
					this.simulator.baseUrl(), workspace.resolve("output"));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int exit;
			List<Long> pids;
			WorkerJvms workers = new WorkerJvms();
			try {
				for (int i = 1; i <= workerJvms; i++) {
					workers.start(i, WorkerJvms.command(WorkerJvms.java(), this.jar, List.of(), workerArguments(common)),
							workspace);
				}
				workers.awaitReady();
				pids = workers.pids();
				this.simulator.reset();
				this.cpu.reset();
				PrintStream captured = new PrintStream(out, true, StandardCharsets.UTF_8);
				exit = this.job.run(managerArguments(common, catalog, workerJvms), managerProperties(), captured,
						captured);
			}
			finally {
				workers.close();
			}
			BenchSimulator.Counts counts = this.simulator.counts();
			RemoteMeasurement measurement = facts(dbUrl, round, workerJvms, exit, counts, pids);
			if (!measurement.completed()) {
				failures.println("run " + round + " with " + workerJvms + " worker JVMs ended " + measurement.status()
						+ " (exit " + exit + ", " + measurement.generated() + "/" + measurement.items()
						+ " generated):");
				failures.print(out.toString(StandardCharsets.UTF_8));
				for (int i = 0; i < workerJvms; i++) {
					failures.println("worker JVM " + (i + 1) + ":");
					failures.println(workers.tail(i));
				}
			}
			return measurement;
		}
		finally {
			this.databases.drop(database);
			FileSystemUtils.deleteRecursively(workspace);
		}
	}

	/**
	 * What the manager and every worker must agree on: broker, database, provider (the simulator: no API key), output,
	 * calls in flight per JVM and the shared rate. No secret: the database password reaches the workers through the
	 * environment they inherit.
	 */
	static List<String> common(BenchSettings settings, String broker, String dbUrl, String user, String baseUrl,
			Path output) {
		return List.of("--broker", broker, "--db-url", dbUrl, "--db-user", user, "--base-url", baseUrl, "--output",
				output.toString(), "--concurrency", String.valueOf(settings.concurrency()), "--rpm",
				String.valueOf(settings.rpm()), "--chunk-size", String.valueOf(settings.chunkSize()));
	}

	static List<String> workerArguments(List<String> common) {
		return List.copyOf(common);
	}

	private List<String> managerArguments(List<String> common, Path catalog, int workerJvms) {
		// the image size is the catalog's: the manager stages it, a worker takes no --size
		List<String> args = new ArrayList<>(List.of("run", "--workers", "remote", "--input", catalog.toString(),
				"--size", this.settings.size(), "--partitions",
				String.valueOf(workerJvms * slotsPerWorker(this.settings.concurrency()))));
		args.addAll(common);
		return args;
	}

	/**
	 * The slots one worker JVM runs at once ({@link GenerationProperties#workers()}); the manager sends that many per
	 * worker JVM, so each can fill all of its own and none waits in the queue.
	 */
	static int slotsPerWorker(int concurrency) {
		Map<String, String> properties = Map.of("imagebatch.generation.concurrency", String.valueOf(concurrency));
		return new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("imagebatch.generation", GenerationProperties.class)
			.workers();
	}

	private static Map<String, String> managerProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		// the run's progress lines would drown the table; warnings and errors still show
		properties.put("logging.level.com.catalogimage", "WARN");
		return properties;
	}

	private RemoteMeasurement facts(String dbUrl, int round, int workerJvms, int exit, BenchSimulator.Counts counts,
			List<Long> pids) {
		String password = System.getenv(RemoteBenchSettings.PASSWORD_VARIABLE);
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(dbUrl, this.remote.user(),
				password == null ? "" : password, true);
		try {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			String status = jdbc.queryForObject("select max(status) from batch_job_execution", String.class);
			JobFacts.Span generate = jdbc.queryForObject(
					"select min(start_time), max(end_time) from batch_step_execution where step_name = ?",
					(rs, row) -> between(rs.getTimestamp(1), rs.getTimestamp(2)), CatalogImageJob.GENERATE_STEP);
			long generated = new ResultRepository(jdbc).generated().images();
			Long twice = jdbc.queryForObject("""
					select count(*) from (select item_id from generation_attempt where outcome = 'DELIVERED'
					 group by item_id having count(*) > 1) d""", Long.class);
			Map<String, Long> byWorker = new HashMap<>();
			jdbc.query("""
					select w.worker, coalesce(sum(s.write_count), 0) from partition_worker w
					  join batch_step_execution s on s.step_execution_id = w.step_execution_id group by w.worker""",
					rs -> {
						byWorker.put(rs.getString(1), rs.getLong(2));
					});
			List<Long> perWorker = pids.stream().map(pid -> imagesOf(pid, byWorker)).toList();
			JobFacts.Span span = generate == null ? JobFacts.Span.NONE : generate;
			return new RemoteMeasurement(workerJvms, round, this.settings.items(), exit,
					status == null ? "NONE" : status, generated, span.duration(), counts, twice == null ? 0 : twice,
					this.cpu.busyShareBetween(span.start(), span.end()), perWorker, this.settings.concurrency(),
					this.settings.rpm());
		}
		finally {
			dataSource.destroy();
		}
	}

	/** A worker's identity is {@code host:pid:suffix} (WorkerIdentity). */
	private static long imagesOf(long pid, Map<String, Long> byWorker) {
		return byWorker.entrySet()
			.stream()
			.filter(entry -> entry.getKey().contains(":" + pid + ":"))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	private static JobFacts.Span between(@Nullable Timestamp start, @Nullable Timestamp end) {
		return start == null || end == null ? JobFacts.Span.NONE : new JobFacts.Span(start.toInstant(), end.toInstant());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
