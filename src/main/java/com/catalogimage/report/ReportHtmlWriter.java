package com.catalogimage.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Writes report.html: one self-contained page (inline CSS, SVG and two small scripts; nothing is fetched from the
 * network) with the run's totals, latency and throughput charts, cost by status, the skipped products and a contact
 * sheet of thumbnails linking to the full images. Every text from the catalog or a provider is escaped.
 */
final class ReportHtmlWriter {

	private static final String CSS = resource("report.css");

	private static final String ERRORS_JS = resource("report-errors.js");

	private static final String CHECK_JS = resource("report-check.js");

	private final Writer out;

	ReportHtmlWriter(Writer out) {
		this.out = out;
	}

	/**
	 * @param thumbnails sku to thumbnail width and height, for the images that got one
	 */
	void write(ReportData data, Map<String, int[]> thumbnails, Instant generatedAt) throws IOException {
		ReportSummary s = data.summary();
		RunFacts run = s.run();
		this.out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
		this.out.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
		this.out.write("<title>Catalog image report, run " + run.instanceId() + "</title>\n");
		this.out.write("<script>\n" + ERRORS_JS + "</script>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n");
		header(s, generatedAt);
		new SummaryCards(this.out).write(s);
		charts(data);
		latencyTable(s);
		costByStatus(s);
		skipped(data);
		new ContactSheet(this.out).write(data, thumbnails);
		footer(s);
		this.out.write("<script>\n" + CHECK_JS + "</script>\n</body>\n</html>\n");
	}

	private void header(ReportSummary s, Instant generatedAt) throws IOException {
		RunFacts run = s.run();
		this.out.write("<header>\n<h1>Catalog image report</h1>\n<p class=\"meta\">");
		this.out.write("<b>" + Html.escape(run.input() == null ? "catalog" : run.input()) + "</b>");
		this.out.write(" · " + Html.escape(run.provider()) + " / " + Html.escape(run.model()) + " / "
				+ Html.escape(run.size()));
		if (run.runId() != null) {
			this.out.write(" · run id " + Html.escape(run.runId()));
		}
		this.out.write("</p>\n<p class=\"meta\">job instance " + run.instanceId() + " · execution(s) "
				+ Html.escape(String.join(", ", run.executionIds().stream().map(String::valueOf).toList()))
				+ " · status <b id=\"run-status\">" + Html.escape(run.lastStatus()) + "</b> · report written "
				+ Html.escape(ReportCsvWriter.timestamp(generatedAt)) + " · prices as of "
				+ Html.escape(s.pricesAsOf()) + "</p>\n</header>\n");
	}

	private void charts(ReportData data) throws IOException {
		this.out.write("<h2>Latency and throughput</h2>\n<div class=\"charts\">\n<div class=\"chart\"><h3>Latency per "
				+ "generated image<span class=\"legend\"><span class=\"api\" style=\"background:var(--api)\"></span>api"
				+ "<span style=\"background:var(--total)\"></span>total</span></h3>\n");
		this.out.write(LatencyHistogram.svg(data.apiLatencies(), data.totalLatencies()));
		this.out.write("</div>\n<div class=\"chart\"><h3>Throughput over time</h3>\n");
		this.out.write(ThroughputChart.svg(data.finishedAt()));
		this.out.write("</div>\n</div>\n");
	}

	private void latencyTable(ReportSummary s) throws IOException {
		this.out.write("<h2>Latency percentiles (ms)</h2>\n<table id=\"latency\"><tr><th></th><th class=\"n\">images"
				+ "</th><th class=\"n\">p50</th><th class=\"n\">p90</th><th class=\"n\">p95</th><th class=\"n\">p99</th>"
				+ "<th class=\"n\">max</th></tr>\n");
		latencyRow("api (last successful call)", s.apiLatency());
		latencyRow("total (first attempt to image saved)", s.totalLatency());
		this.out.write("</table>\n");
	}

	private void latencyRow(String label, LatencyStats stats) throws IOException {
		this.out.write("<tr><td>" + Html.escape(label) + "</td><td class=\"n\">" + stats.count() + "</td>");
		for (Long value : new Long[] { stats.p50(), stats.p90(), stats.p95(), stats.p99(), stats.max() }) {
			this.out.write("<td class=\"n\">" + Figures.millis(value) + "</td>");
		}
		this.out.write("</tr>\n");
	}

	private void costByStatus(ReportSummary s) throws IOException {
		this.out.write("<h2>Cost by status</h2>\n<table id=\"cost-by-status\"><tr><th>status</th><th class=\"n\">"
				+ "products</th><th class=\"n\">cost</th><th class=\"n\">possibly billed</th></tr>\n");
		for (Map.Entry<String, ReportSummary.StatusCost> entry : s.costByStatus().entrySet()) {
			ReportSummary.StatusCost cost = entry.getValue();
			this.out.write("<tr><td><span class=\"status " + Html.escape(entry.getKey()) + "\">"
					+ Html.escape(entry.getKey()) + "</span></td><td class=\"n\">" + cost.products()
					+ "</td><td class=\"n\">" + Figures.dollars(cost.costUsd()) + "</td><td class=\"n\">"
					+ Figures.dollars(cost.possiblyBilledUsd()) + "</td></tr>\n");
		}
		this.out.write("<tr><th>all</th><th class=\"n\">" + s.products() + "</th><th class=\"n\">"
				+ Figures.dollars(s.costUsd()) + "</th><th class=\"n\">" + Figures.dollars(s.possiblyBilledUsd())
				+ "</th></tr>\n</table>\n");
		if (s.unpricedImages() > 0) {
			this.out.write("<p class=\"note\">" + s.unpricedImages() + " generated image(s) have no price (model or size"
					+ " missing from imagebatch.pricing); the cost above does not include them.</p>\n");
		}
	}

	private void skipped(ReportData data) throws IOException {
		ReportSummary s = data.summary();
		this.out.write("<h2>Skipped products (" + s.skipped() + ")</h2>\n");
		if (s.skipped() == 0) {
			this.out.write("<p class=\"note\" id=\"skipped\">No product was skipped.</p>\n");
			return;
		}
		this.out.write("<p class=\"note\">By reason: ");
		boolean first = true;
		for (Map.Entry<String, Long> reason : s.skippedByReason().entrySet()) {
			this.out.write((first ? "" : ", ") + Html.escape(reason.getKey()) + " " + reason.getValue());
			first = false;
		}
		this.out.write("</p>\n<table id=\"skipped\"><tr><th class=\"n\">line</th><th>sku</th><th>name</th><th>reason"
				+ "</th><th class=\"n\">attempts</th><th class=\"n\">unknown outcome</th><th class=\"n\">429s</th></tr>\n");
		for (ReportRow row : data.skippedRows()) {
			this.out.write("<tr><td class=\"n\">" + row.line() + "</td><td>" + Html.escape(row.sku()) + "</td><td>"
					+ Html.escape(row.name()) + "</td><td>" + Html.escape(row.reason()) + "</td><td class=\"n\">"
					+ number(row.attempts()) + "</td><td class=\"n\">" + number(row.attemptsUnknown())
					+ "</td><td class=\"n\">" + number(row.http429()) + "</td></tr>\n");
		}
		this.out.write("</table>\n");
		if (data.skippedRows().size() < s.skipped()) {
			this.out.write("<p class=\"note\">Showing the first " + data.skippedRows().size() + " of " + s.skipped()
					+ " skipped products; report.csv lists them all.</p>\n");
		}
	}

	private void footer(ReportSummary s) throws IOException {
		this.out.write("<footer><p>Percentiles are exact, by nearest rank over the generated images: the p-th "
				+ "percentile is the smallest latency that at least p % of them do not exceed. Api latency is the last "
				+ "successful call; total latency runs from the first attempt to the image saved. Throughput and RPM "
				+ "share use the generate step's wall time, summed over the run's executions. Cost: token usage × the "
				+ "model's per-token prices when the answer carries usage, else the flat per-image price; cache hits "
				+ "cost 0. Possibly billed: calls whose outcome is unknown (timed out or cut after sending), at the flat"
				+ " price. Batch API equivalent: the cost at the model's batch discount. Prices as of "
				+ Html.escape(s.pricesAsOf()) + ".</p></footer>\n");
	}

	private static String number(@Nullable Integer value) {
		return value == null ? "" : value.toString();
	}

	private static String resource(String name) {
		try (InputStream in = ReportHtmlWriter.class.getResourceAsStream("/report/" + name)) {
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
