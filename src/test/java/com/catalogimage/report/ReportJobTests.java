package com.catalogimage.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.catalogimage.support.JobRun;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.catalogimage.support.CsvFiles.csv;
import static com.catalogimage.support.CsvFiles.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * The report of a real run against the simulator with known behaviour: every call takes the same simulated time
 * (lognormal sigma 0), token counts follow the simulator's table, and prices are those of the default price table.
 * Every column of report.csv is checked against those facts and the files on disk, and every figure of summary.csv
 * against values computed here, independently, from report.csv.
 */
class ReportJobTests {

	/** Median 10 s × time scale 0.02, sigma 0: every simulated call takes exactly this long. */
	private static final long SIMULATED_MS = 200;

	private static final String MODEL = "gemini-3.1-flash-image-preview";

	/** Default prices of the model (application.yml, from Google's pricing page), USD per million tokens. */
	private static final BigDecimal INPUT_PRICE = new BigDecimal("0.50");

	private static final BigDecimal IMAGE_PRICE = new BigDecimal("60");

	private static final BigDecimal TEXT_PRICE = new BigDecimal("3.00");

	private static final BigDecimal FLAT_1K = new BigDecimal("0.067");

	/** Output image tokens per size (Google's model page for 3.1 Flash Image). */
	private static final Map<String, Integer> IMAGE_TOKENS = Map.of("512", 747, "1K", 1120, "2K", 1680);

	/**
	 * Candidate tokens that the simulator's 3.1 Flash answers count beyond their IMAGE entry, as a live answer does;
	 * the job prices them as text.
	 */
	private static final int UNITEMISED_TOKENS = 272;

	private static final String CATALOG = """
			sku,name,description,category,prompt,size,aspect_ratio
			MUG-1,Red mug,,Kitchen,Studio photo of a red mug,,
			MUG-2,"Mug, blue",,Kitchen,Studio photo of a blue enamel mug on a table,,16:9
			PAN-3,Skillet,,Kitchen,Cast iron skillet,2K,
			KNF-4,Chef's knife,,Kitchen,A chef's knife on a wooden board with herbs,512,
			TEA-5,Tea tin,,Pantry,Loose leaf tea tin,,4:3
			BAG-6,Tote bag,,Bags,Canvas tote bag hanging on a hook,,
			CUP-7,Espresso cup,,Kitchen,Espresso cup with saucer,,
			JAR-8,Honey jar,,Pantry,Glass jar of wildflower honey with a wooden dipper,2K,
			BOT-9,Water bottle,,Outdoor,Steel water bottle,,1:1
			HAT-10,Sun hat,,Outdoor,Straw sun hat,,
			""";

	@TempDir
	static Path workspace;

	static JobRun job;

	static JobRun.Result result;

	static String console;

	static Path input;

	@BeforeAll
	static void runTheCatalogOnce() throws IOException {
		input = workspace.resolve("products.csv");
		Files.writeString(input, CATALOG);
		job = new JobRun(workspace).property("imagebatch.simulator.time-scale", "0.02")
			.property("imagebatch.simulator.latency-median", "10s")
			.property("imagebatch.simulator.latency-sigma", "0")
			.property("imagebatch.generation.rpm", "6000")
			.property("imagebatch.generation.concurrency", "4")
			.property("imagebatch.report.progress-interval", "50ms");
		PrintStream original = System.out;
		ByteArrayOutputStream logs = new ByteArrayOutputStream();
		System.setOut(new PrintStream(logs, true, StandardCharsets.UTF_8));
		try {
			result = job.run("run", "--input", input.toString(), "--run-id", "nightly-1");
		}
		finally {
			System.setOut(original);
		}
		console = logs.toString(StandardCharsets.UTF_8);
	}

	@Test
	void everyColumnOfReportCsvMatchesTheCatalogTheSimulatorAndTheFilesOnDisk() throws Exception {
		// given
		assertThat(result.exitCode()).as(result.err()).isZero();
		List<CSVRecord> catalog = csv(input);
		long executionId = job.jdbc().queryForObject("select max(job_execution_id) from batch_job_execution", Long.class);
		// when
		List<CSVRecord> report = csv(job.output().resolve("report.csv"));
		// then
		assertThat(report.get(0).getParser().getHeaderNames()).containsExactly("sku", "status", "reason", "provider",
				"model", "size", "aspect_ratio", "attempts", "attempts_unknown", "http_429", "rate_wait_ms",
				"api_latency_ms", "total_latency_ms", "input_tokens", "output_tokens", "cost_usd", "cost_basis",
				"bytes", "width", "height", "sha256", "image_path", "execution_id", "started_at", "finished_at", "mode",
				"batch_id", "batch_wait_s");
		assertThat(report).extracting(row -> row.get("sku"))
			.containsExactlyElementsOf(catalog.stream().map(row -> row.get("sku")).toList());
		for (int i = 0; i < report.size(); i++) {
			CSVRecord row = report.get(i);
			CSVRecord product = catalog.get(i);
			String sku = row.get("sku");
			String size = product.get("size").isEmpty() ? "1K" : product.get("size");
			String ratio = product.get("aspect_ratio").isEmpty() ? "1:1" : product.get("aspect_ratio");
			assertThat(row.get("status")).as(sku).isEqualTo("GENERATED");
			assertThat(row.get("reason")).as(sku).isEmpty();
			assertThat(row.get("provider")).as(sku).isEqualTo("simulator");
			assertThat(row.get("model")).as(sku).isEqualTo(MODEL);
			assertThat(row.get("size")).as(sku).isEqualTo(size);
			assertThat(row.get("aspect_ratio")).as(sku).isEqualTo(ratio);
			assertThat(row.get("attempts")).as(sku).isEqualTo("1");
			assertThat(row.get("attempts_unknown")).as(sku).isEqualTo("0");
			assertThat(row.get("http_429")).as(sku).isEqualTo("0");
			assertThat(Long.parseLong(row.get("rate_wait_ms"))).as(sku).isNotNegative();
			long api = Long.parseLong(row.get("api_latency_ms"));
			long total = Long.parseLong(row.get("total_latency_ms"));
			assertThat(api).as(sku).isBetween(SIMULATED_MS, SIMULATED_MS + 5_000);
			assertThat(total).as(sku).isGreaterThanOrEqualTo(api);
			long inputTokens = Math.max(1, product.get("prompt").split("\\s+").length * 4 / 3);
			int imageTokens = IMAGE_TOKENS.get(size);
			assertThat(row.get("input_tokens")).as(sku).isEqualTo(String.valueOf(inputTokens));
			assertThat(row.get("output_tokens")).as(sku).isEqualTo(String.valueOf(imageTokens + UNITEMISED_TOKENS));
			assertThat(row.get("cost_usd")).as(sku)
				.isEqualTo(tokenCost(inputTokens, imageTokens, UNITEMISED_TOKENS).toPlainString());
			assertThat(row.get("cost_basis")).as(sku).isEqualTo("tokens");
			Path image = job.output().resolve(row.get("image_path"));
			assertThat(row.get("image_path")).as(sku).isEqualTo("images/" + sku + ".jpg");
			assertThat(row.get("bytes")).as(sku).isEqualTo(String.valueOf(Files.size(image)));
			assertThat(row.get("sha256")).as(sku).isEqualTo(sha256(image));
			BufferedImage pixels = ImageIO.read(image.toFile());
			assertThat(row.get("width")).as(sku).isEqualTo(String.valueOf(pixels.getWidth()));
			assertThat(row.get("height")).as(sku).isEqualTo(String.valueOf(pixels.getHeight()));
			assertThat(row.get("execution_id")).as(sku).isEqualTo(String.valueOf(executionId));
			assertThat(row.get("started_at")).as(sku).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
			assertThat(row.get("finished_at")).as(sku).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
			long span = Duration.between(Instant.parse(row.get("started_at")), Instant.parse(row.get("finished_at")))
				.toMillis();
			assertThat(span).as(sku).isBetween(total - 1, total + 1);
			assertThat(row.get("mode")).as(sku).isEqualTo("sync");
			assertThat(row.get("batch_id")).as(sku).isEmpty();
			assertThat(row.get("batch_wait_s")).as(sku).isEmpty();
		}
	}

	@Test
	void summaryCsvAgreesWithFiguresComputedIndependentlyFromReportCsv() throws IOException {
		// given
		List<CSVRecord> report = csv(job.output().resolve("report.csv"));
		int n = report.size();
		// when
		Map<String, String> summary = summary(job.output().resolve("summary.csv"));
		// then
		BigDecimal cost = BigDecimal.ZERO;
		long rateWait = 0;
		for (CSVRecord row : report) {
			cost = cost.add(new BigDecimal(row.get("cost_usd")));
			rateWait += Long.parseLong(row.get("rate_wait_ms"));
		}
		assertThat(summary).containsEntry("products", String.valueOf(n))
			.containsEntry("generated", String.valueOf(n))
			.containsEntry("up_to_date", "0")
			.containsEntry("cached", "0")
			.containsEntry("skipped", "0")
			.containsEntry("pending", "0")
			.containsEntry("rejected_rows", "0")
			.containsEntry("run_id", "nightly-1")
			.containsEntry("provider", "simulator")
			.containsEntry("model", MODEL)
			.containsEntry("status", "COMPLETED")
			.containsEntry("cost_usd", cost.setScale(6).toPlainString())
			.containsEntry("cost_per_generated_image_usd",
					cost.divide(BigDecimal.valueOf(n), 6, RoundingMode.HALF_UP).toPlainString())
			.containsEntry("batch_price_equivalent_usd",
					cost.multiply(new BigDecimal("0.5")).setScale(6, RoundingMode.HALF_UP).toPlainString())
			.containsEntry("possibly_billed_calls", "0")
			.containsEntry("possibly_billed_usd", "0.000000")
			.containsEntry("unpriced_images", "0")
			.containsEntry("requests", String.valueOf(n))
			.containsEntry("retries", "0")
			.containsEntry("http_429", "0")
			.containsEntry("rate_wait_ms", String.valueOf(rateWait))
			.containsEntry("rpm_limit", "6000")
			.containsEntry("prices_as_of", "2026-11-24");
		for (String latency : List.of("api_latency", "total_latency")) {
			long[] sorted = report.stream().mapToLong(row -> Long.parseLong(row.get(latency + "_ms"))).sorted().toArray();
			assertThat(summary).containsEntry(latency + "_count", String.valueOf(n))
				.containsEntry(latency + "_p50_ms", String.valueOf(sorted[rank(50, n) - 1]))
				.containsEntry(latency + "_p90_ms", String.valueOf(sorted[rank(90, n) - 1]))
				.containsEntry(latency + "_p95_ms", String.valueOf(sorted[rank(95, n) - 1]))
				.containsEntry(latency + "_p99_ms", String.valueOf(sorted[rank(99, n) - 1]))
				.containsEntry(latency + "_max_ms", String.valueOf(sorted[n - 1]));
		}
		double wallMinutes = Long.parseLong(summary.get("generate_wall_ms")) / 60_000.0;
		assertThat(wallMinutes).isPositive();
		// generate_wall_ms is rounded down to the millisecond; the rates use the exact duration
		assertThat(Double.parseDouble(summary.get("images_per_minute"))).isCloseTo(n / wallMinutes, withinPercentage(0.2));
		assertThat(Double.parseDouble(summary.get("rpm_share_used"))).isCloseTo(n / wallMinutes / 6000,
				withinPercentage(0.5));
	}

	@Test
	void consoleShowsTheSummaryAndTheLogShowsProgress() throws IOException {
		// given
		Map<String, String> summary = summary(job.output().resolve("summary.csv"));
		// then
		assertThat(result.out()).startsWith("Job state: ");
		assertThat(result.out().lines().skip(1).findFirst().orElseThrow()).startsWith("COMPLETED in ")
			.contains(": 10 products, 10 generated, 0 cached");
		assertThat(result.out()).contains("  latency ms p50/p90/p95/p99/max: api " + summary.get("api_latency_p50_ms")
				+ "/" + summary.get("api_latency_p90_ms") + "/" + summary.get("api_latency_p95_ms") + "/"
				+ summary.get("api_latency_p99_ms") + "/" + summary.get("api_latency_max_ms"));
		assertThat(result.out()).contains("possibly billed $0.0000 (0 calls of unknown outcome)")
			.contains("of 6000 rpm")
			.contains("report.html");
		assertThat(result.out().lines().count()).isLessThanOrEqualTo(7);
		assertThat(console).contains("Progress 10/10 (100 %)");
	}

	@Test
	void reportCommandRendersThePastRunAgainFromTheDatabase() throws IOException {
		// given
		String csvOfTheRun = Files.readString(job.output().resolve("report.csv"));
		String summaryOfTheRun = Files.readString(job.output().resolve("summary.csv"));
		long executionId = job.jdbc().queryForObject(
				"select max(job_execution_id) from batch_job_execution_params where parameter_value = 'nightly-1'",
				Long.class);
		Path elsewhere = workspace.resolve("again");
		// when
		JobRun.Result byExecution = job.run("report", "--execution", String.valueOf(executionId), "--output",
				elsewhere.toString());
		JobRun.Result byRunId = job.run("report", "--run-id", "nightly-1");
		JobRun.Result unknown = job.run("report", "--run-id", "no-such-run");
		// then
		assertThat(byExecution.exitCode()).as(byExecution.err()).isZero();
		assertThat(Files.readString(elsewhere.resolve("report.csv"))).isEqualTo(csvOfTheRun);
		assertThat(Files.readString(elsewhere.resolve("summary.csv"))).isEqualTo(summaryOfTheRun);
		assertThat(elsewhere.resolve("report.html")).exists();
		assertThat(byRunId.exitCode()).as(byRunId.err()).isZero();
		assertThat(byRunId.out()).contains("Report of job instance").contains("latency ms p50");
		assertThat(Files.readString(job.output().resolve("report.csv"))).isEqualTo(csvOfTheRun);
		assertThat(job.output().resolve("thumbs/MUG-1.jpg")).exists();
		assertThat(unknown.exitCode()).isEqualTo(64);
		assertThat(unknown.err()).contains("no run was started with --run-id no-such-run");
	}

	/**
	 * Skipped and pending products with their reasons, attempts and calls of unknown outcome, inserted as the skip
	 * listener and the attempt journal record them, so every cell of their rows can be stated exactly (including a
	 * call left in flight by a killed process, which no simulator fault produces). {@link ReportFaultsJobTests} runs
	 * the same cases through the simulator's injected faults.
	 */
	@Test
	void skippedAndPendingProductsShowTheirReasonsAndUnknownOutcomesArePossiblyBilled() throws IOException {
		// given
		Path catalog = workspace.resolve("failures.csv");
		Files.writeString(catalog, "sku,name,prompt\nOK-1,Fine mug,Studio photo of a mug\n");
		Path output = workspace.resolve("failures-output");
		assertThat(job.run("run", "--input", catalog.toString(), "--run-id", "failures", "--output", output.toString())
			.exitCode()).isZero();
		long instance = job.jdbc().queryForObject("""
				select e.job_instance_id from batch_job_execution e join batch_job_execution_params p
				    on p.job_execution_id = e.job_execution_id where p.parameter_value = 'failures'""", Long.class);
		long execution = job.jdbc().queryForObject(
				"select max(job_execution_id) from batch_job_execution where job_instance_id = ?", Long.class, instance);
		Instant at = Instant.parse("2026-11-24T02:00:00.123Z");
		insert(instance, execution, 10, "S-BLOCK", "<Blocked> \"mug\"", "SKIPPED", "IMAGE_SAFETY, finishReason", 1, 0, 0,
				"unknown", at);
		insert(instance, execution, 11, "S-TIME", "Timed out", "SKIPPED", "retries-exhausted:timeout", 5, 3, 1,
				"unknown", at);
		insert(instance, execution, 12, "S-NOCALL", "No call", "SKIPPED", "reference image missing", 0, 0, 0, "none",
				at);
		// still pending after a kill -9 during its only call: no result row, but the journal holds the call in flight
		insert(instance, execution, 13, "P-WAIT", "Waiting", "PENDING", null, 1, 1, 0, null, at);
		// when
		JobRun.Result rendered = job.run("report", "--run-id", "failures", "--output", output.toString());
		// then
		assertThat(rendered.exitCode()).as(rendered.err()).isZero();
		Map<String, CSVRecord> rows = new LinkedHashMap<>();
		csv(output.resolve("report.csv")).forEach(row -> rows.put(row.get("sku"), row));
		assertThat(rows.keySet()).containsExactly("OK-1", "S-BLOCK", "S-TIME", "S-NOCALL", "P-WAIT");
		String e = String.valueOf(execution);
		assertThat(rows.get("S-BLOCK").values()).containsExactly("S-BLOCK", "SKIPPED", "IMAGE_SAFETY, finishReason",
				"simulator", MODEL, "1K", "1:1", "1", "0", "0", "7", "", "", "", "", "", "unknown", "", "", "", "", "",
				e, "2026-11-24T02:00:00.123Z", "2026-11-24T02:00:01.123Z", "sync", "", "");
		assertThat(rows.get("S-TIME").values()).containsExactly("S-TIME", "SKIPPED", "retries-exhausted:timeout",
				"simulator", MODEL, "1K", "1:1", "5", "3", "1", "7", "", "", "", "", "", "unknown", "", "", "", "", "",
				e, "2026-11-24T02:00:00.123Z", "2026-11-24T02:00:01.123Z", "sync", "", "");
		// no call was made: nothing was priced, so cost and basis stay empty (never "none", never a silent 0)
		assertThat(rows.get("S-NOCALL").values()).containsExactly("S-NOCALL", "SKIPPED", "reference image missing",
				"simulator", MODEL, "1K", "1:1", "0", "0", "0", "7", "", "", "", "", "", "", "", "", "", "", "", e,
				"2026-11-24T02:00:00.123Z", "2026-11-24T02:00:01.123Z", "sync", "", "");
		assertThat(rows.get("P-WAIT").values()).containsExactly("P-WAIT", "PENDING", "", "", "", "1K", "1:1", "", "",
				"", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "");
		Map<String, String> summary = summary(output.resolve("summary.csv"));
		BigDecimal okCost = new BigDecimal(rows.get("OK-1").get("cost_usd"));
		assertThat(summary).containsEntry("products", "5")
			.containsEntry("generated", "1")
			.containsEntry("skipped", "3")
			.containsEntry("pending", "1")
			.containsEntry("skipped_reason:IMAGE_SAFETY, finishReason", "1")
			.containsEntry("skipped_reason:retries-exhausted:timeout", "1")
			.containsEntry("skipped_reason:reference image missing", "1")
			.containsEntry("cost_usd", okCost.setScale(6).toPlainString())
			.containsEntry("possibly_billed_calls", "4")
			.containsEntry("possibly_billed_usd", FLAT_1K.multiply(BigDecimal.valueOf(4)).setScale(6).toPlainString())
			.containsEntry("requests", String.valueOf(1 + 1 + 5 + 1))
			.containsEntry("retries", String.valueOf((1 + 1 + 5 + 1) - 4))
			.containsEntry("http_429", "1");
		String html = Files.readString(output.resolve("report.html"));
		assertThat(html).contains("Skipped products (3)")
			.contains("&lt;Blocked&gt; &quot;mug&quot;")
			.doesNotContain("<Blocked>");
		assertThat(rendered.out()).contains("skipped: IMAGE_SAFETY, finishReason 1");
	}

	@Test
	void aRunThatFailsAfterStagingStillReplacesTheReportWithWhereItStopped() throws IOException {
		// given: the simulator answers 404 for an unknown model, which fails the job in the generate step
		Path output = workspace.resolve("failed-output");
		Files.createDirectories(output);
		Files.writeString(output.resolve("report.csv"), "an older run's report\n");
		// when
		JobRun.Result failed = job.run("run", "--input", input.toString(), "--run-id", "failing", "--model",
				"no-such-model", "--output", output.toString());
		// then
		assertThat(failed.exitCode()).isEqualTo(1);
		assertThat(failed.out()).contains("\nFAILED in ");
		List<CSVRecord> report = csv(output.resolve("report.csv"));
		assertThat(report).hasSize(10);
		assertThat(report).extracting(row -> row.get("status")).containsOnly("PENDING");
		assertThat(summary(output.resolve("summary.csv"))).containsEntry("status", "FAILED")
			.containsEntry("pending", "10");
		assertThat(output.resolve("report.html")).exists();
	}

	@Test
	void upToDateProductsShowTheirCurrentImageAndRemovedOnesAreListed() throws IOException {
		// given: a first night, then the same catalog again, then the catalog without its last product
		Path catalog = workspace.resolve("refresh.csv");
		Files.writeString(catalog, "sku,name,prompt\nR-1,Mug,Studio photo of a mug\nR-2,Cup,Studio photo of a cup\n");
		Path output = workspace.resolve("refresh-output");
		assertThat(night(catalog, output, "night-1").exitCode()).isZero();
		Map<String, CSVRecord> first = bySku(output.resolve("report.csv"));
		// when
		JobRun.Result second = night(catalog, output, "night-2");
		Map<String, CSVRecord> unchanged = bySku(output.resolve("report.csv"));
		Map<String, String> unchangedSummary = summary(output.resolve("summary.csv"));
		Files.writeString(catalog, "sku,name,prompt\nR-1,Mug,Studio photo of a mug\n");
		JobRun.Result third = night(catalog, output, "night-3");
		Map<String, CSVRecord> shrunk = bySku(output.resolve("report.csv"));
		// then: no call, no cost, and the image that is still current
		assertThat(second.exitCode()).as(second.err()).isZero();
		CSVRecord upToDate = unchanged.get("R-2");
		assertThat(upToDate.get("status")).isEqualTo("UP_TO_DATE");
		assertThat(upToDate.get("attempts")).isEmpty();
		assertThat(upToDate.get("cost_usd")).isEmpty();
		assertThat(upToDate.get("cost_basis")).isEmpty();
		for (String column : List.of("image_path", "sha256", "bytes", "width", "height")) {
			assertThat(upToDate.get(column)).as(column).isEqualTo(first.get("R-2").get(column));
		}
		assertThat(unchangedSummary).containsEntry("up_to_date", "2")
			.containsEntry("cost_usd", "0.000000")
			.containsEntry("requests", "0");
		assertThat(third.exitCode()).as(third.err()).isZero();
		assertThat(shrunk.keySet()).containsExactly("R-1", "R-2");
		assertThat(shrunk.get("R-2").get("status")).isEqualTo("REMOVED");
		assertThat(shrunk.get("R-2").get("reason")).isEqualTo("not in the catalog; image kept");
		assertThat(shrunk.get("R-2").get("image_path")).isEqualTo("images/R-2.jpg");
		assertThat(summary(output.resolve("summary.csv"))).containsEntry("products", "1").containsEntry("removed", "1");
	}

	private static JobRun.Result night(Path catalog, Path output, String runId) {
		return job.run("run", "--input", catalog.toString(), "--run-id", runId, "--output", output.toString());
	}

	private static Map<String, CSVRecord> bySku(Path report) throws IOException {
		Map<String, CSVRecord> rows = new LinkedHashMap<>();
		csv(report).forEach(row -> rows.put(row.get("sku"), row));
		return rows;
	}

	private static void insert(long instance, long execution, int line, String sku, String name, String status,
			String reason, int attempts, int unknown, int http429, String basis, Instant at) {
		Long id = job.jdbc().queryForObject("""
				select id from final table (insert into catalog_item (job_instance_id, line_no, sku, name, prompt,
				    image_size, aspect_ratio, fingerprint, status, reason)
				values (?, ?, ?, ?, 'a prompt', '1K', '1:1', ?, ?, ?))""", Long.class, instance, line, sku, name,
				"0".repeat(64), status, reason);
		for (int attempt = 1; attempt <= attempts; attempt++) {
			boolean unknownOutcome = attempt <= unknown;
			boolean inFlight = basis == null;
			job.jdbc().update("""
					insert into generation_attempt (item_id, job_instance_id, job_execution_id, provider, model, attempt,
					    started_at, finished_at, outcome, outcome_unknown, rate_limited)
					values (?, ?, ?, 'simulator', ?, ?, ?, ?, ?, ?, ?)""", id, instance, execution, MODEL, attempt,
					at.atOffset(java.time.ZoneOffset.UTC), inFlight ? null : at.atOffset(java.time.ZoneOffset.UTC),
					inFlight ? "IN_FLIGHT" : unknownOutcome ? "RETRYABLE" : "ITEM", unknownOutcome,
					attempt > unknown && attempt <= unknown + http429);
		}
		if (basis != null) {
			job.jdbc().update("""
					insert into generation_result (item_id, job_instance_id, job_execution_id, status, reason, provider,
					    model, image_size, aspect_ratio, attempts, attempts_unknown, http_429, rate_wait_ms, retry_wait_ms,
					    cost_basis, started_at, finished_at)
					values (?, ?, ?, ?, ?, 'simulator', ?, '1K', '1:1', ?, ?, ?, 7, 3000, ?, ?, ?)""", id, instance,
					execution, status, reason, MODEL, attempts, unknown, http429, basis,
					at.atOffset(java.time.ZoneOffset.UTC), at.plusSeconds(1).atOffset(java.time.ZoneOffset.UTC));
		}
	}

	private static BigDecimal tokenCost(long input, long image, long text) {
		BigDecimal million = BigDecimal.valueOf(1_000_000);
		return INPUT_PRICE.multiply(BigDecimal.valueOf(input))
			.add(IMAGE_PRICE.multiply(BigDecimal.valueOf(image)))
			.add(TEXT_PRICE.multiply(BigDecimal.valueOf(text)))
			.divide(million, 6, RoundingMode.HALF_UP);
	}

	/** Nearest rank, written out: the ceil(p/100 × n)-th smallest value, counting from 1. */
	private static int rank(int p, int n) {
		int rank = (p * n) / 100;
		if (rank * 100 < p * n) {
			rank++;
		}
		return Math.max(rank, 1);
	}

	private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
	}

}
