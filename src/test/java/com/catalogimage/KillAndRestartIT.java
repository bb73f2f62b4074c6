package com.catalogimage;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.catalogimage.image.ImageFormat;
import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.support.Catalogs;
import com.catalogimage.support.ChildJob;
import com.catalogimage.support.Simulators;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar killed for real, at three points of a run: with {@code kill -9}, then recovered and run again; and
 * with SIGTERM, stopping gracefully. The run must then complete with the same images and report an uninterrupted run
 * produces, paying for nothing twice.
 */
class KillAndRestartIT {

	private static final Logger log = LoggerFactory.getLogger(KillAndRestartIT.class);

	private static final int PRODUCTS = 300;

	/** ~0.13 s per call at concurrency 16: the calls of a run of 300 take about 3 s. */
	private static final Map<String, String> SIMULATOR = Map.of("time-scale", "0.01", "latency-sigma", "0.5");

	private static Map<String, String> uninterrupted;

	@TempDir
	static Path shared;

	@TempDir
	Path workspace;

	@BeforeAll
	static void runUninterrupted() throws Exception {
		try (SimulatorServer simulator = Simulators.start(SIMULATOR)) {
			ChildJob job = new ChildJob(shared.resolve("baseline"), simulator.baseUrl());
			Path catalog = Catalogs.write(shared.resolve("products.csv"), PRODUCTS, "KILL");
			assertThat(job.run("run", "--input", catalog.toString(), "--rpm", "6000", "--concurrency", "16")).as(job.logText()).isZero();
			uninterrupted = imagesBySku(job);
			assertThat(uninterrupted).hasSize(PRODUCTS);
		}
	}

	@ParameterizedTest(name = "kill -9 at {0} % of the products")
	@ValueSource(ints = { 25, 50, 75 })
	void killedRunRecoversAndCompletesWithoutPayingTwice(int percent) throws Exception {
		try (SimulatorServer simulator = Simulators.start(SIMULATOR)) {
			// given
			Path catalog = Files.copy(shared.resolve("products.csv"), this.workspace.resolve("products.csv"));
			ChildJob job = new ChildJob(this.workspace, simulator.baseUrl());
			String[] run = { "run", "--input", catalog.toString(), "--rpm", "6000", "--concurrency", "16" };
			Process process = job.start(run);
			// when: killed at the given progress
			await().atMost(Duration.ofMinutes(2))
				.until(() -> simulator.stats().generations() >= PRODUCTS * percent / 100 || !process.isAlive());
			process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			long generatedAtKill = simulator.stats().generations();
			Map<String, Integer> requestsAtKill = simulator.stats().requestsByPrompt();
			Set<String> cachedAtKill = cachedFingerprints(job);
			// calls the dead process had sent but whose image it had not kept in the cache: these may be billed
			// (the simulator still answers them) and are asked again by the restart
			long inFlightAtKill = inFlightAtKill(job, cachedAtKill);
			assertThat(process.exitValue()).isEqualTo(137);
			// then: recover and run again
			assertThat(job.run("recover")).as(job.logText()).isZero();
			assertThat(job.run(run)).as(job.logText()).isZero();
			assertThat(imagesBySku(job)).as("images and report as an uninterrupted run").isEqualTo(uninterrupted);
			long generations = simulator.stats().generations();
			log.info("kill -9 at {} %: N = {}, generated before kill = {}, in flight at kill = {}, generations in all = {}",
					percent, PRODUCTS, generatedAtKill, inFlightAtKill, generations);
			assertThat(generations).isLessThanOrEqualTo(PRODUCTS + inFlightAtKill);
			Map<String, String> promptByFingerprint = job.jdbc()
				.query("select fingerprint, prompt from catalog_item", (rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
			Map<String, Integer> requestsNow = simulator.stats().requestsByPrompt();
			for (String fingerprint : cachedAtKill) {
				String prompt = promptByFingerprint.get(fingerprint);
				assertThat(requestsNow.get(prompt)).as("cached before the kill: " + prompt)
					.isEqualTo(requestsAtKill.get(prompt));
			}
		}
	}

	@Test
	void sigtermStopsGracefullyAndTheSameCommandCompletesTheRun() throws Exception {
		try (SimulatorServer simulator = Simulators.start(SIMULATOR)) {
			// given
			Path catalog = Files.copy(shared.resolve("products.csv"), this.workspace.resolve("products.csv"));
			ChildJob job = new ChildJob(this.workspace, simulator.baseUrl());
			String[] run = { "run", "--input", catalog.toString(), "--rpm", "6000", "--concurrency", "16" };
			Process process = job.start(run);
			await().atMost(Duration.ofMinutes(2)).until(() -> simulator.stats().generations() >= PRODUCTS / 3);
			// when
			process.destroy();
			// then: stopped within the grace period (30 s by default)
			assertThat(process.waitFor(45, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(job.logText()).isEqualTo(4);
			assertThat(job.jdbc()
				.queryForObject("select status from batch_job_execution order by job_execution_id desc fetch first 1 rows only",
						String.class))
				.isEqualTo("STOPPED");
			assertThat(job.run(run)).as(job.logText()).isZero();
			assertThat(imagesBySku(job)).isEqualTo(uninterrupted);
			assertThat(simulator.stats().requestsByPrompt().values()).as("no product requested twice").containsOnly(1);
		}
	}

	@Test
	void aSecondLaunchOfARunningRunIsRefusedAndTheFirstGoesOn() throws Exception {
		try (SimulatorServer simulator = Simulators.start(Map.of("time-scale", "0.03"))) {
			// given: a run under way
			Path catalog = Files.copy(shared.resolve("products.csv"), this.workspace.resolve("products.csv"));
			ChildJob job = new ChildJob(this.workspace, simulator.baseUrl());
			// about 0.45 s a call on 4 workers: the run takes half a minute, long enough to launch it again meanwhile
			String[] run = { "run", "--input", catalog.toString(), "--rpm", "6000", "--concurrency", "4" };
			Process first = job.start(run);
			await().atMost(Duration.ofMinutes(2)).until(() -> simulator.stats().generations() >= 8);
			// when: cron (or a person) starts the same run again
			ChildJob again = new ChildJob(this.workspace.resolve("again"), simulator.baseUrl()) {
				@Override
				public String dbUrl() {
					return job.dbUrl();
				}
			};
			int second = again.run(run);
			// then
			assertThat(second).as(again.logText()).isEqualTo(5);
			assertThat(again.logText()).contains("another catalog-image-batch process");
			assertThat(first.waitFor(2, TimeUnit.MINUTES)).isTrue();
			assertThat(first.exitValue()).as(job.logText()).isZero();
			assertThat(imagesBySku(job)).isEqualTo(uninterrupted);
		}
	}

	@Test
	void aSecondRunWithAnotherDatabaseIntoTheSameOutputFolderIsRefusedAndNoImageIsBoughtTwice() throws Exception {
		try (SimulatorServer simulator = Simulators.start(Map.of("time-scale", "0.03"))) {
			// given: a run under way, keeping its state in its own database
			Path catalog = Files.copy(shared.resolve("products.csv"), this.workspace.resolve("products.csv"));
			ChildJob job = new ChildJob(this.workspace.resolve("first"), simulator.baseUrl());
			String[] run = { "run", "--input", catalog.toString(), "--rpm", "6000", "--concurrency", "4" };
			Process first = job.start(run);
			await().atMost(Duration.ofMinutes(2)).until(() -> simulator.stats().generations() >= 8);
			// when: the same catalog is run into the same output folder with another database (as from another
			// working folder, whose data/ is another)
			ChildJob elsewhere = new ChildJob(this.workspace.resolve("elsewhere"), simulator.baseUrl()) {
				@Override
				public Path output() {
					return job.output();
				}
			};
			int second = elsewhere.run(run);
			// then: refused with one line naming the folder and the first run
			assertThat(second).as(elsewhere.logText()).isEqualTo(5);
			assertThat(elsewhere.logText().strip().lines()).singleElement()
				.asString()
				.startsWith("error: the output folder " + job.output() + " is in use by another run (pid " + first.pid());
			assertThat(first.waitFor(2, TimeUnit.MINUTES)).isTrue();
			assertThat(first.exitValue()).as(job.logText()).isZero();
			assertThat(imagesBySku(job)).isEqualTo(uninterrupted);
			assertThat(simulator.stats().requestsByPrompt().values()).as("no product requested twice").containsOnly(1);
			assertThat(simulator.stats().generations()).isEqualTo(PRODUCTS);
		}
	}

	/** sku to "status sha256 image_path" from report.csv, checking every listed image is on disk with that hash. */
	private static Map<String, String> imagesBySku(ChildJob job) throws IOException {
		Map<String, String> images = new HashMap<>();
		try (Reader reader = Files.newBufferedReader(job.output().resolve("report.csv"), StandardCharsets.UTF_8)) {
			List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)
				.getRecords();
			for (CSVRecord row : rows) {
				assertThat(row.get("status")).isIn("GENERATED", "CACHED");
				Path image = job.output().resolve(row.get("image_path"));
				assertThat(image).exists();
				assertThat(images.put(row.get("sku"), row.get("sha256") + " " + row.get("image_path")))
					.as("one row per product")
					.isNull();
			}
		}
		return images;
	}

	/** Journalled calls without an end, plus delivered calls whose image did not reach the cache before the kill. */
	private static long inFlightAtKill(ChildJob job, Set<String> cached) {
		return job.jdbc()
			.query("select a.outcome, c.fingerprint from generation_attempt a join catalog_item c on c.id = a.item_id",
					(rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
			.stream()
			.filter(call -> call.getKey().equals("IN_FLIGHT")
					|| call.getKey().equals("DELIVERED") && !cached.contains(call.getValue()))
			.count();
	}

	private static Set<String> cachedFingerprints(ChildJob job) throws IOException {
		Path cache = job.output().resolve(".cache");
		if (!Files.isDirectory(cache)) {
			return Set.of();
		}
		try (Stream<Path> files = Files.list(cache)) {
			return files.map(file -> file.getFileName().toString())
				.filter(KillAndRestartIT::isCachedImage)
				.map(name -> name.substring(0, name.indexOf('.')))
				.collect(Collectors.toSet());
		}
	}

	/** A cached image is named by its fingerprint and its format's extension (JPEG from the default model). */
	private static boolean isCachedImage(String name) {
		return Stream.of(ImageFormat.values()).anyMatch(format -> name.endsWith("." + format.extension()));
	}

}
