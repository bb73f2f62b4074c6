package com.catalogimage.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.catalogimage.batchmode.BatchTotals;
import com.catalogimage.image.Dimensions;
import com.catalogimage.storage.ProductRecord;
import org.jspecify.annotations.Nullable;

/**
 * What report.html shows, as the template {@code report.jte} reads it: the figures already formatted, the charts
 * already laid out, so the template holds markup only. Text from the catalog or a provider stays as it is here; the
 * template's output escapes it.
 *
 * @param catalog the catalog file, or "catalog" when the run did not record it
 * @param executions the instance's execution ids, comma separated
 * @param writtenAt when the report was written
 * @param latencyChart null when no image was generated
 * @param throughputChart null when no image was saved
 * @param skippedReasons skipped products per reason, e.g. {@code IMAGE_SAFETY 2, blocked:OTHER 1}
 * @param skippedRows the first skipped products in catalog order, at most the table's limit
 * @param batchMode the Batch API figures, term and value; empty when the run used no batch, so the page of a
 * synchronous run stays as it was
 */
record ReportPage(RunFacts run, ReportSummary summary, String catalog, String executions, String writtenAt,
		List<SummaryCards.Card> cards, @Nullable SvgChart latencyChart, @Nullable SvgChart throughputChart,
		List<LatencyRow> latency, List<CostRow> costByStatus, CostRow costTotal, String skippedReasons,
		List<ProductRecord> skippedRows, ContactSheet sheet, List<SummaryCards.Detail> batchMode) {

	/** The page's stylesheet and scripts, inlined so the page fetches nothing: files of the application, not data. */
	static final String STYLE = resource("report.css");

	static final String ERRORS_SCRIPT = resource("report-errors.js");

	static final String CHECK_SCRIPT = resource("report-check.js");

	/** @param values p50, p90, p95, p99 and max in milliseconds, empty when unknown */
	record LatencyRow(String label, long images, List<String> values) {
	}

	/** @param status a status, or null for the total */
	record CostRow(@Nullable String status, long products, String cost, String possiblyBilled) {
	}

	/** @param thumbnails sku to thumbnail width and height, for the images that got one */
	static ReportPage of(ReportData data, Map<String, Dimensions> thumbnails, Instant generatedAt) {
		ReportSummary s = data.summary();
		RunFacts run = s.run();
		List<CostRow> costs = new ArrayList<>();
		s.costByStatus().forEach((status, cost) -> costs.add(new CostRow(status, cost.products(),
				Figures.dollars(cost.costUsd()), Figures.dollars(cost.possiblyBilledUsd()))));
		String reasons = s.skippedByReason().entrySet().stream()
			.map(reason -> reason.getKey() + " " + reason.getValue())
			.collect(Collectors.joining(", "));
		return new ReportPage(run, s, run.input() == null ? "catalog" : run.input(),
				String.join(", ", run.executionIds().stream().map(String::valueOf).toList()),
				ReportCsvWriter.timestamp(generatedAt), SummaryCards.of(s),
				LatencyHistogram.chart(data.apiLatencies(), data.totalLatencies()),
				ThroughputChart.chart(data.finishedAt()),
				List.of(latency("api (last successful call)", s.apiLatency()),
						latency("total (first attempt to image saved)", s.totalLatency())),
				costs, new CostRow(null, s.products(), Figures.dollars(s.costUsd()),
						Figures.dollars(s.possiblyBilledUsd())),
				reasons, data.skippedRows(), ContactSheet.of(data, thumbnails), batchMode(s.modes()));
	}

	private static List<SummaryCards.Detail> batchMode(ReportSummary.Modes modes) {
		if (!modes.batchUsed()) {
			return List.of();
		}
		BatchTotals b = modes.batches();
		return List.of(new SummaryCards.Detail("images by batch / by sync", modes.imagesBatch() + " / " + modes.imagesSync()),
				new SummaryCards.Detail("saved against sync", Figures.dollars(modes.savedAgainstSyncUsd())),
				new SummaryCards.Detail("batches submitted", String.valueOf(b.submitted())),
				new SummaryCards.Detail("succeeded / expired / cancelled / failed",
						b.succeeded() + " / " + b.expired() + " / " + b.cancelled() + " / " + b.failed()),
				new SummaryCards.Detail("duplicate outputs billed",
						b.duplicates() + " (" + Figures.dollars(b.duplicateCostUsd()) + ", in the total cost)"));
	}

	private static LatencyRow latency(String label, LatencyStats stats) {
		return new LatencyRow(label, stats.count(), List.of(Figures.millis(stats.p50()), Figures.millis(stats.p90()),
				Figures.millis(stats.p95()), Figures.millis(stats.p99()), Figures.millis(stats.max())));
	}

	private static String resource(String name) {
		try (InputStream in = ReportPage.class.getResourceAsStream("/report/" + name)) {
			if (in == null) {
				throw new IllegalStateException("missing resource /report/" + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
