package com.catalogimage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.support.JobRun;
import com.catalogimage.support.Simulators;
import com.catalogimage.support.TestImages;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.catalogimage.support.CsvFiles.csv;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole job against the simulator: reference images, both wire formats, and keys that never leak. */
@ExtendWith(OutputCaptureExtension.class)
class ProviderJobTests {

	/** Recognisable, so any leak is found by a plain search. */
	private static final String KEY = "FAKEKEY-must-never-leak-7f3a9c41";

	@TempDir
	Path workspace;

	@Test
	void referenceImagesAreStagedSentAndBadOnesRejectedWithLineFieldAndReason() throws IOException {
		// given
		Path catalog = this.workspace.resolve("catalog");
		Files.createDirectories(catalog.resolve("refs"));
		Files.write(catalog.resolve("refs/mug.png"), TestImages.png(32, 32));
		Files.writeString(catalog.resolve("refs/notes.png"), "this is text");
		Files.write(this.workspace.resolve("private.png"), TestImages.png(32, 32));
		Path input = catalog.resolve("products.csv");
		Files.writeString(input, """
				sku,name,description,reference_image
				A-1,Mug,Red mug,refs/mug.png
				A-2,Lamp,Desk lamp,refs/missing.png
				A-3,Chair,Oak chair,refs/notes.png
				A-4,Desk,Oak desk,
				A-5,Sofa,Grey sofa,../private.png
				""");
		JobRun job = new JobRun(this.workspace.resolve("run"));
		// when
		JobRun.Result result = job.run("run", "--input", input.toString());
		// then
		assertThat(result.exitCode()).as(result.err()).isZero();
		Map<String, CSVRecord> report = bySku(csv(job.output().resolve("report.csv")));
		assertThat(report.keySet()).containsExactlyInAnyOrder("A-1", "A-4");
		assertThat(Long.parseLong(report.get("A-1").get("input_tokens"))).as("the reference image was sent")
			.isGreaterThanOrEqualTo(1120);
		assertThat(Long.parseLong(report.get("A-4").get("input_tokens"))).isLessThan(1120);
		List<CSVRecord> rejected = csv(job.output().resolve("rejected.csv"));
		assertThat(rejected).extracting(row -> row.get("line")).containsExactly("3", "4", "6");
		assertThat(rejected).extracting(row -> row.get("field")).containsOnly("reference_image");
		assertThat(rejected.get(0).get("reason")).contains("file not found").contains("refs/missing.png");
		assertThat(rejected.get(1).get("reason")).contains("not a PNG, JPEG or WebP image");
		assertThat(rejected.get(2).get("reason")).contains("'../private.png' is outside the catalog's folder");
		assertThat(job.jdbc().queryForObject("select reference_image from catalog_item where sku = 'A-1'", String.class))
			.isEqualTo(catalog.resolve("refs/mug.png").toRealPath().toString());
	}

	@Test
	void theOpenAiWireRunsTheWholeJob() throws IOException {
		// given
		Path input = catalog(this.workspace.resolve("catalog.csv"));
		JobRun job = new JobRun(this.workspace.resolve("run")).property("imagebatch.simulator.wire", "openai");
		// when
		JobRun.Result result = job.run("run", "--input", input.toString(), "--model", "gpt-image-1", "--aspect-ratio",
				"3:2");
		// then
		assertThat(result.exitCode()).as(result.err()).isZero();
		List<CSVRecord> report = csv(job.output().resolve("report.csv"));
		assertThat(report).extracting(row -> row.get("status")).containsOnly("GENERATED");
		assertThat(report).extracting(row -> row.get("width")).containsOnly("1536");
		assertThat(report).extracting(row -> row.get("output_tokens")).containsOnly("1568");
		assertThat(report).extracting(row -> row.get("cost_basis")).containsOnly("tokens");
	}

	@Test
	void aRunCanUseASimulatorThatAlreadyRunsAndThatTheTestControls() throws IOException {
		// given: a simulator started by the test, failing systemically after three requests
		Path input = catalog(this.workspace.resolve("catalog.csv"));
		try (SimulatorServer simulator = Simulators.start("time-scale", "0.004")) {
			simulator.faults().setSystemic(3, "403");
			JobRun job = new JobRun(this.workspace.resolve("run")).property("imagebatch.generation.concurrency", "1");
			// when
			JobRun.Result result = job.run("run", "--input", input.toString(), "--base-url", simulator.baseUrl());
			// then
			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.err()).contains("403 PERMISSION_DENIED");
			assertThat(simulator.stats().generations()).isEqualTo(3);
			assertThat(simulator.stats().status(403)).isEqualTo(1);
		}
	}

	@Test
	void theKeyAppearsNowhereInWhatARunPrintsLogsOrReports(CapturedOutput output) throws IOException {
		// given: a simulator demanding the key, faults that put provider messages into the report, and runs whose
		// key is refused on both wires (the error messages of those end up on stderr)
		Path input = catalog(this.workspace.resolve("catalog.csv"));
		JobRun faulty = keyed(this.workspace.resolve("faulty"), KEY)
			.property("imagebatch.simulator.faults.rate-500", "0.3")
			.property("imagebatch.simulator.faults.rate-429", "0.3")
			.property("imagebatch.simulator.faults.block-word", "Lamp");
		JobRun refusedGemini = keyed(this.workspace.resolve("refused-gemini"), "FAKEKEY-only-the-server-knows-this");
		JobRun refusedOpenAi = keyed(this.workspace.resolve("refused-openai"), "FAKEKEY-only-the-server-knows-this")
			.property("imagebatch.simulator.wire", "openai");
		// when
		JobRun.Result faultyResult = faulty.run("run", "--input", input.toString(), "--max-attempts", "2");
		JobRun.Result geminiResult = refusedGemini.run("run", "--input", input.toString());
		JobRun.Result openAiResult = refusedOpenAi.run("run", "--input", input.toString(), "--model", "gpt-image-1");
		// then: the runs did meet the errors
		assertThat(faultyResult.exitCode()).as(faultyResult.err()).isEqualTo(3);
		assertThat(geminiResult.err()).contains("API key not valid");
		assertThat(openAiResult.err()).contains("invalid_api_key");
		// and the key is nowhere (the capture did get the log lines)
		assertThat(output.getAll()).contains("Failing the job").contains("Skipped");
		StringBuilder everything = new StringBuilder(output.getAll());
		for (JobRun.Result result : List.of(faultyResult, geminiResult, openAiResult)) {
			everything.append(result.out()).append(result.err());
		}
		for (JobRun job : List.of(faulty, refusedGemini, refusedOpenAi)) {
			everything.append(textFilesUnder(job.output()));
		}
		assertThat(everything.toString()).contains("SKIPPED").doesNotContain(KEY);
	}

	/** A run whose job holds {@code KEY} and whose simulator demands {@code expected}. */
	private static JobRun keyed(Path workspace, String expected) {
		return new JobRun(workspace).property("imagebatch.simulator.api-key", expected)
			.property("imagebatch.simulator.client-key", KEY)
			.property("imagebatch.generation.backoff-base", "10ms")
			.property("imagebatch.generation.backoff-cap", "40ms");
	}

	private static Path catalog(Path file) throws IOException {
		Files.writeString(file, """
				sku,name,description
				B-1,Mug,Red mug
				B-2,Lamp,Desk lamp
				B-3,Chair,Oak chair
				B-4,Desk,Oak desk
				B-5,Vase,Glass vase
				B-6,Rug,Wool rug
				""");
		return file;
	}

	private static String textFilesUnder(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			return "";
		}
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(Files::isRegularFile)
				.filter(file -> file.toString().endsWith(".csv") || file.toString().endsWith(".html"))
				.map(file -> {
					try {
						return Files.readString(file);
					}
					catch (IOException ex) {
						throw new java.io.UncheckedIOException(ex);
					}
				})
				.collect(Collectors.joining("\n"));
		}
	}

	private static Map<String, CSVRecord> bySku(List<CSVRecord> rows) {
		return rows.stream().collect(Collectors.toMap(row -> row.get("sku"), row -> row));
	}

}
