package com.catalogimage;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import com.catalogimage.support.JobRun;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole job, run as a user runs it, against the built-in simulator. */
class CatalogImageJobTests {

	private static final Path SAMPLE = Path.of("jobs/sample-catalog/products.csv");

	@TempDir
	Path workspace;

	@Test
	void sampleCatalogGetsAValidPngPerProductAReportAndARejectedList() throws IOException {
		// given
		JobRun job = new JobRun(this.workspace);
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

	private static List<CSVRecord> csv(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
	}

}
