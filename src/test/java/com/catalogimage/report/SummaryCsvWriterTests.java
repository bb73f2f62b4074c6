package com.catalogimage.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.catalogimage.generation.CostCalculator;
import com.catalogimage.generation.PricingProperties;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryCsvWriterTests {

	@TempDir
	Path folder;

	@Test
	void aValueASpreadsheetWouldRunIsNeutralisedAndNumbersAreNot() throws IOException {
		// given: the run id is whatever the user typed after --run-id
		Path file = this.folder.resolve("summary.csv");
		RunFacts run = new RunFacts(7, List.of(9L), "FAILED", "products.csv", "simulator", "m", "1K", "@SUM(A1:A9)",
				Duration.ofSeconds(3), 60, null);
		ReportSummary summary = new SummaryCollector(new CostCalculator(new PricingProperties("2026-11-24", Map.of())),
				0, 0)
			.finish(run, 0)
			.summary();
		// when
		SummaryCsvWriter.write(file, summary);
		// then
		Map<String, String> metrics = new HashMap<>();
		CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(Files.newBufferedReader(file))
			.forEach(record -> metrics.put(record.get("metric"), record.get("value")));
		assertThat(metrics).containsEntry("run_id", "'@SUM(A1:A9)")
			.containsEntry("input", "products.csv")
			.containsEntry("rpm_limit", "60")
			.containsEntry("generate_wall_ms", "3000");
	}

}
