package com.catalogimage.report;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.catalogimage.storage.ProductRecord;
import com.catalogimage.storage.ResultFigures.Calls;
import com.catalogimage.storage.ResultFigures.ImageFile;
import com.catalogimage.storage.ResultFigures.Origin;
import com.catalogimage.storage.ResultFigures.Price;
import com.catalogimage.storage.ResultFigures.Timing;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * Writes report.csv: RFC 4180, UTF-8, one row per product of the job instance in catalog order, columns in a fixed
 * order documented in the README. Timestamps are ISO-8601 UTC with milliseconds; unknown values are empty cells; text
 * a spreadsheet would take for a formula is neutralised ({@link CsvCells}).
 */
final class ReportCsvWriter implements AutoCloseable {

	public static final List<String> COLUMNS = List.of("sku", "status", "reason", "provider", "model", "size",
			"aspect_ratio", "attempts", "attempts_unknown", "http_429", "rate_wait_ms", "api_latency_ms",
			"total_latency_ms", "input_tokens", "output_tokens", "cost_usd", "cost_basis", "bytes", "width", "height",
			"sha256", "image_path", "execution_id", "started_at", "finished_at", "mode", "batch_id", "batch_wait_s");

	/** The {@code mode} of an image bought as a line of a provider batch. */
	static final String BATCH = "batch";

	static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final CSVPrinter printer;

	public ReportCsvWriter(Path file) throws IOException {
		Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
		this.printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get());
	}

	public void write(ProductRecord row) throws IOException {
		Calls calls = row.calls();
		Timing timing = row.timing();
		Price price = row.price();
		ImageFile image = row.image();
		Origin origin = row.origin();
		this.printer.printRecord(CsvCells.neutralised(row.sku(), row.status(), row.reason(), row.provider(),
				row.model(), row.size(), row.aspectRatio(), calls.attempts(), calls.unknown(), calls.http429(),
				calls.rateWaitMs(), timing.apiLatencyMs(), timing.totalLatencyMs(), price.inputTokens(),
				price.outputTokens(), money(price.costUsd()), price.costBasis(), image.bytes(), image.width(),
				image.height(), image.sha256(), image.path(), row.executionId(), timestamp(timing.startedAt()),
				timestamp(timing.finishedAt()), mode(row), origin.batchId(),
				batchWaitSeconds(origin, timing.finishedAt())));
	}

	/** How the image was bought; empty for a product without a result row (pending, up to date, removed). */
	static @Nullable String mode(ProductRecord row) {
		return row.executionId() == null ? null : row.origin().mode();
	}

	/**
	 * Seconds from the batch's submission to the product's image saved, to the millisecond; empty for a synchronous
	 * image (its latencies are in the other columns).
	 */
	static @Nullable String batchWaitSeconds(Origin origin, @Nullable Instant finishedAt) {
		Instant submittedAt = origin.submittedAt();
		if (!BATCH.equals(origin.mode()) || submittedAt == null || finishedAt == null) {
			return null;
		}
		return BigDecimal.valueOf(Duration.between(submittedAt, finishedAt).toMillis(), 3).toPlainString();
	}

	static @Nullable String money(@Nullable BigDecimal usd) {
		return usd == null ? null : usd.setScale(6, java.math.RoundingMode.HALF_UP).toPlainString();
	}

	static @Nullable String timestamp(@Nullable Instant instant) {
		return instant == null ? null : TIMESTAMP.format(instant);
	}

	@Override
	public void close() throws IOException {
		this.printer.close(true);
	}

}
