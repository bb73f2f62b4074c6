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
import com.catalogimage.storage.ResultFigures.Origin;
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
				new Price(null, null, null, "unknown"), ImageFile.NONE, 9L, Origin.SYNC);
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
				new Calls(2, 1, 0, 12L, 2000L), Timing.NONE, new Price(null, null, null, "unknown"), ImageFile.NONE, 9L, Origin.SYNC);
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
	void saysHowEachImageWasBoughtAndHowLongItsBatchTookFromSubmissionToResult() throws IOException {
		// given: one image from a batch submitted an hour and a bit before it was saved, one from a synchronous call,
		// and a pending product with no result row
		Path file = this.folder.resolve("report.csv");
		Instant submitted = Instant.parse("2026-11-24T01:00:00Z");
		Timing saved = new Timing(null, null, submitted, submitted.plusMillis(3_725_250));
		ProductRecord batch = new ProductRecord(1, "B-1", "Name", "GENERATED", null, "gemini", "m", "1K", "1:1",
				new Calls(0, 0, 0, 0L, 0L), saved, new Price(null, null, new BigDecimal("0.0335"), "flat"),
				ImageFile.NONE, 9L, Origin.batch("batches/abc123", submitted));
		ProductRecord sync = new ProductRecord(2, "S-1", "Name", "GENERATED", null, "gemini", "m", "1K", "1:1",
				new Calls(1, 0, 0, 0L, 0L), new Timing(400L, 450L, submitted, submitted.plusMillis(450)),
				new Price(null, null, new BigDecimal("0.067"), "flat"), ImageFile.NONE, 9L, Origin.SYNC);
		ProductRecord pending = new ProductRecord(3, "P-1", "Name", "PENDING", null, null, null, "1K", "1:1",
				Calls.NONE, Timing.NONE, Price.NONE, ImageFile.NONE, null, Origin.SYNC);
		// when
		try (ReportCsvWriter writer = new ReportCsvWriter(file)) {
			writer.write(batch);
			writer.write(sync);
			writer.write(pending);
		}
		// then: the new columns come last, after every column scripts already read by position
		List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
			.parse(Files.newBufferedReader(file)).getRecords();
		assertThat(records.get(0).getParser().getHeaderNames()).endsWith("finished_at", "mode", "batch_id",
				"batch_wait_s");
		assertThat(records.get(0).get("mode")).isEqualTo("batch");
		assertThat(records.get(0).get("batch_id")).isEqualTo("batches/abc123");
		assertThat(records.get(0).get("batch_wait_s")).isEqualTo("3725.250");
		assertThat(records.get(1).get("mode")).isEqualTo("sync");
		assertThat(records.get(1).get("batch_id")).isEmpty();
		assertThat(records.get(1).get("batch_wait_s")).isEmpty();
		assertThat(records.get(2).get("mode")).isEmpty();
		assertThat(records.get(2).get("batch_wait_s")).isEmpty();
	}

	@Test
	void writesMoneyToTheMicroDollar() {
		assertThat(ReportCsvWriter.money(new BigDecimal("0.0672431"))).isEqualTo("0.067243");
		assertThat(ReportCsvWriter.money(BigDecimal.ZERO)).isEqualTo("0.000000");
		assertThat(ReportCsvWriter.money(null)).isNull();
	}

}
