package com.catalogimage.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.catalogimage.batchmode.BatchTotals;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * Writes summary.csv: one {@code metric,value} row per figure (RFC 4180, UTF-8), so new figures and one row per skip
 * reason ({@code skipped_reason:<reason>}) never change the columns a script reads. Unknown values are empty; text a
 * spreadsheet would take for a formula (a run id, say) is neutralised ({@link CsvCells}).
 */
final class SummaryCsvWriter {

	private SummaryCsvWriter() {
	}

	public static void write(Path file, ReportSummary summary) throws IOException {
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
				CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("metric", "value").get())) {
			for (String[] metric : metrics(summary)) {
				printer.printRecord(CsvCells.neutralised((Object[]) metric));
			}
		}
	}

	/** The metrics in their fixed order. */
	static List<String[]> metrics(ReportSummary s) {
		RunFacts run = s.run();
		List<String[]> rows = new ArrayList<>();
		add(rows, "job_instance_id", run.instanceId());
		add(rows, "execution_ids", String.join(" ", run.executionIds().stream().map(String::valueOf).toList()));
		add(rows, "status", run.lastStatus());
		add(rows, "input", run.input());
		add(rows, "run_id", run.runId());
		add(rows, "provider", run.provider());
		add(rows, "model", run.model());
		add(rows, "size", run.size());
		add(rows, "prices_as_of", s.pricesAsOf());
		add(rows, "products", s.products());
		add(rows, "generated", s.generated());
		add(rows, "up_to_date", s.upToDate());
		add(rows, "cached", s.cached());
		add(rows, "skipped", s.skipped());
		add(rows, "pending", s.pending());
		add(rows, "removed", s.removed());
		add(rows, "rejected_rows", s.rejectedRows());
		for (Map.Entry<String, Long> reason : s.skippedByReason().entrySet()) {
			add(rows, "skipped_reason:" + reason.getKey(), reason.getValue());
		}
		add(rows, "cost_usd", Figures.usd(s.costUsd()));
		add(rows, "unpriced_images", s.unpricedImages());
		add(rows, "unrecorded_images", s.unrecordedImages());
		add(rows, "unrecorded_usd", Figures.usd(s.unrecordedUsd()));
		add(rows, "possibly_billed_calls", s.possiblyBilledCalls());
		add(rows, "possibly_billed_usd", Figures.usd(s.possiblyBilledUsd()));
		add(rows, "cost_per_generated_image_usd",
				s.costPerGeneratedImage() == null ? null : Figures.usd(s.costPerGeneratedImage()));
		add(rows, "batch_price_equivalent_usd", Figures.usd(s.batchEquivalentUsd()));
		modes(rows, s.modes());
		latency(rows, "api_latency", s.apiLatency());
		latency(rows, "total_latency", s.totalLatency());
		add(rows, "generate_wall_ms", run.generateWall().toMillis());
		add(rows, "images_per_minute", Figures.decimal(s.imagesPerMinute(), 2));
		add(rows, "requests", s.requests());
		add(rows, "requests_per_minute", Figures.decimal(s.requestsPerMinute(), 2));
		add(rows, "rpm_limit", run.rpmLimit() > 0 ? run.rpmLimit() : null);
		add(rows, "rpm_share_used", Figures.decimal(s.rpmShareUsed(), 4));
		add(rows, "retries", s.retries());
		add(rows, "http_429", s.http429());
		add(rows, "rate_wait_ms", s.rateWaitMs());
		add(rows, "retry_wait_ms", s.retryWaitMs());
		return rows;
	}

	/** Images by how they were bought, and the provider batches: zeros for a run that used none. */
	private static void modes(List<String[]> rows, ReportSummary.Modes modes) {
		BatchTotals batches = modes.batches();
		add(rows, "images_sync", modes.imagesSync());
		add(rows, "images_batch", modes.imagesBatch());
		add(rows, "batch_saved_usd", Figures.usd(modes.savedAgainstSyncUsd()));
		add(rows, "batches_submitted", batches.submitted());
		add(rows, "batches_succeeded", batches.succeeded());
		add(rows, "batches_expired", batches.expired());
		add(rows, "batches_cancelled", batches.cancelled());
		add(rows, "batches_failed", batches.failed());
		add(rows, "duplicate_outputs_billed", batches.duplicates());
		add(rows, "duplicate_outputs_usd", Figures.usd(batches.duplicateCostUsd()));
	}

	private static void latency(List<String[]> rows, String name, LatencyStats stats) {
		add(rows, name + "_count", stats.count());
		add(rows, name + "_p50_ms", stats.p50());
		add(rows, name + "_p90_ms", stats.p90());
		add(rows, name + "_p95_ms", stats.p95());
		add(rows, name + "_p99_ms", stats.p99());
		add(rows, name + "_max_ms", stats.max());
	}

	private static void add(List<String[]> rows, String metric, @Nullable Object value) {
		String text = value == null ? "" : value.toString();
		rows.add(new String[] { metric, text });
	}

}
