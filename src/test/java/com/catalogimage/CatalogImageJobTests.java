package com.catalogimage;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.support.Catalogs;
import com.catalogimage.support.Database;
import com.catalogimage.support.JobRun;
import com.catalogimage.support.Simulators;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.catalogimage.support.CsvFiles.csv;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole job, run as a user runs it, against the built-in simulator, on both job repositories: the embedded H2
 * file and a real PostgreSQL server.
 */
class CatalogImageJobTests {

	private static final Path SAMPLE = Path.of("jobs/sample-catalog/products.csv");

	@TempDir
	Path workspace;

	@ParameterizedTest(name = "on {0}")
	@ValueSource(strings = { "h2", "postgresql" })
	void sampleCatalogGetsAValidPngPerProductAReportAndARejectedList(String database) throws IOException {
		// given
		JobRun job = new JobRun(this.workspace, Database.of(database, this.workspace));
		List<CSVRecord> catalog = csv(SAMPLE);
		// when
		JobRun.Result result = job.run("run", "--input", SAMPLE.toString());
		// then
		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.out()).contains("COMPLETED");
		List<CSVRecord> report = csv(job.output().resolve("report.csv"));
		List<CSVRecord> rejected = csv(job.output().resolve("rejected.csv"));
		assertThat(rejected).extracting(row -> row.get("line")).containsExactly("52", "53");
		assertThat(rejected).extracting(row -> row.get("field")).containsExactly("sku", "name");
		assertThat(report).hasSize(catalog.size() - rejected.size());
		assertThat(report).extracting(row -> row.get("status")).containsOnly("GENERATED");
		for (CSVRecord row : report) {
			BufferedImage image = ImageIO.read(job.output().resolve(row.get("image_path")).toFile());
			assertThat(image).as(row.get("sku")).isNotNull();
			String ratio = row.get("aspect_ratio");
			int[] expected = ratio.equals("16:9") ? new int[] { 1376, 768 } : new int[] { 1024, 1024 };
			assertThat(new int[] { image.getWidth(), image.getHeight() }).as(row.get("sku")).containsExactly(expected);
			assertThat(row.get("width")).isEqualTo(String.valueOf(image.getWidth()));
		}
		assertThat(job.jdbc().queryForList("select status from batch_job_execution", String.class))
			.containsExactly("COMPLETED");
	}

	@ParameterizedTest(name = "on {0}")
	@ValueSource(strings = { "h2", "postgresql" })
	void aRunThatFailsMidwayIsContinuedByTheSameCommandWithoutPayingTwice(String database) throws IOException {
		try (SimulatorServer simulator = Simulators.start()) {
			// given: the provider turns systemic (a revoked key) after 25 requests
			simulator.faults().setSystemic(25, "401");
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 60, "RESTART");
			JobRun job = new JobRun(this.workspace, Database.of(database, this.workspace));
			String[] run = { "run", "--input", catalog.toString(), "--base-url", simulator.baseUrl(), "--concurrency",
					"6", "--chunk-size", "2" };
			// when
			JobRun.Result first = job.run(run);
			simulator.faults().clearSystemic();
			JobRun.Result second = job.run(run);
			// then
			assertThat(first.exitCode()).isEqualTo(1);
			assertThat(second.exitCode()).as(second.err()).isZero();
			assertThat(job.jdbc().queryForObject("select count(distinct job_instance_id) from batch_job_execution",
					Integer.class))
				.isEqualTo(1);
			assertThat(job.jdbc().queryForList("select status from batch_job_execution order by job_execution_id",
					String.class))
				.containsExactly("FAILED", "COMPLETED");
			List<CSVRecord> report = csv(job.output().resolve("report.csv"));
			assertThat(report).hasSize(60)
				.extracting(row -> row.get("status"))
				.allSatisfy(status -> assertThat(status).isIn("GENERATED", "CACHED"));
			assertThat(simulator.stats().generationsByPrompt()).hasSize(60);
			assertThat(simulator.stats().generationsByPrompt().values()).as("no image generated twice").containsOnly(1);
		}
	}

	@ParameterizedTest(name = "on {0}")
	@ValueSource(strings = { "h2", "postgresql" })
	void sixtyFourWorkersRunWithoutDeadlockOrSerializationFailure(String database) throws IOException {
		// calls of about 650 ms: long enough that 64 workers overlap even on two loaded cores
		try (SimulatorServer simulator = Simulators.start("time-scale", "0.05")) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 320, "WIDE");
			JobRun job = new JobRun(this.workspace, Database.of(database, this.workspace));
			JobRun.Result result = job.run("run", "--input", catalog.toString(), "--base-url", simulator.baseUrl(),
					"--concurrency", "64", "--rpm", "60000");
			assertThat(result.exitCode()).as(result.err()).isZero();
			assertThat(job.jdbc().queryForObject("select count(*) from generation_result where status = 'GENERATED'",
					Integer.class))
				.isEqualTo(320);
			assertThat(job.jdbc().queryForObject(
					"select count(*) from batch_step_execution where step_name like 'generateWorker%' and status = 'COMPLETED'",
					Integer.class))
				.as("64 call slots and 8 workers more, for the work around a call")
				.isEqualTo(72);
			// at most the 64 permits; the simulator counts a request until its handler thread returns, a moment after
			// the client has the last byte and may have sent its next request, so it can read one or two more
			assertThat(simulator.stats().maxInFlight()).isGreaterThan(32).isLessThanOrEqualTo(64 + 2);
		}
	}

	@Test
	void headerWithoutANameColumnFailsTheJobAtOnceNamingTheColumn() throws IOException {
		// given
		Path input = this.workspace.resolve("bad.csv");
		Files.writeString(input, "sku,title\nA-1,Mug\n");
		JobRun job = new JobRun(this.workspace);
		// when
		JobRun.Result result = job.run("run", "--input", input.toString());
		// then
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.err()).contains("lacks required column(s): name").contains(input.toString());
		assertThat(job.output().resolve("images")).doesNotExist();
		assertThat(job.jdbc().queryForObject("select count(*) from catalog_item", Integer.class)).isZero();
	}

}
