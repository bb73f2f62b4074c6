package com.catalogimage.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.catalogimage.storage.ProductRecord;
import com.catalogimage.storage.ResultFigures.Calls;
import com.catalogimage.storage.ResultFigures.ImageFile;
import com.catalogimage.storage.ResultFigures.Price;
import com.catalogimage.storage.ResultFigures.Timing;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCsvWriterTests {

	@TempDir
	Path folder;

	@Test
	void quotesReasonsWithCommasQuotesAndLineBreaksAndLeavesUnknownValuesEmpty() throws IOException {
		// given
		Path file = this.folder.resolve("report.csv");
		String reason = "blocked: \"Ærø, café\"\nsecond line";
		ProductRecord row = new ProductRecord(3, "S-1", "Name", "SKIPPED", reason, "simulator", "m", "1K", "1:1",
				new Calls(2, 1, 0, 12L, 2000L),
				new Timing(null, null, Instant.parse("2026-11-24T01:02:03.004Z"), Instant.parse("2026-11-24T01:02:05Z")),
				new Price(null, null, null, "unknown"), ImageFile.NONE, 9L);
		// when
		try (ReportCsvWriter writer = new ReportCsvWriter(file)) {
			writer.write(row);
		}
		// then
		String text = Files.readString(file, StandardCharsets.UTF_8);
		assertThat(text).contains("\"blocked: \"\"Ærø, café\"\"\nsecond line\"").contains("\r\n");
		List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
			.parse(Files.newBufferedReader(file)).getRecords();
		assertThat(records).hasSize(1);
		CSVRecord record = records.get(0);
		assertThat(record.getParser().getHeaderNames()).isEqualTo(ReportCsvWriter.COLUMNS);
		assertThat(record.get("reason")).isEqualTo(reason);
		assertThat(record.get("api_latency_ms")).isEmpty();
		assertThat(record.get("cost_usd")).isEmpty();
		assertThat(record.get("cost_basis")).isEqualTo("unknown");
		assertThat(record.get("started_at")).isEqualTo("2026-11-24T01:02:03.004Z");
		assertThat(record.get("finished_at")).isEqualTo("2026-11-24T01:02:05.000Z");
	}

	@Test
	void textCellsThatASpreadsheetWouldRunAreNeutralisedAndNumbersAreNot() throws IOException {
		// given: a SKU that is a valid file name yet a formula to Excel (-A1), and a provider reason that starts with =
		Path file = this.folder.resolve("report.csv");
		ProductRecord row = new ProductRecord(3, "-A1", "Name", "SKIPPED", "=1+1", "simulator", "m", "1K", "1:1",
				new Calls(2, 1, 0, 12L, 2000L), Timing.NONE, new Price(null, null, null, "unknown"), ImageFile.NONE, 9L);
		// when
		try (ReportCsvWriter writer = new ReportCsvWriter(file)) {
			writer.write(row);
		}
		// then
		CSVRecord record = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
			.parse(Files.newBufferedReader(file)).getRecords().get(0);
		assertThat(record.get("sku")).isEqualTo("'-A1");
		assertThat(record.get("reason")).isEqualTo("'=1+1");
		assertThat(record.get("attempts")).isEqualTo("2");
		assertThat(record.get("rate_wait_ms")).isEqualTo("12");
	}

	@Test
	void writesMoneyToTheMicroDollar() {
		assertThat(ReportCsvWriter.money(new BigDecimal("0.0672431"))).isEqualTo("0.067243");
		assertThat(ReportCsvWriter.money(BigDecimal.ZERO)).isEqualTo("0.000000");
		assertThat(ReportCsvWriter.money(null)).isNull();
	}

}
