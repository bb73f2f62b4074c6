package com.catalogimage.report;

import java.io.IOException;
import java.io.Writer;

import org.jspecify.annotations.Nullable;

/** The four cards at the top of report.html: products, cost, latency and throughput. */
final class SummaryCards {

	private final Writer out;

	SummaryCards(Writer out) {
		this.out = out;
	}

	void write(ReportSummary s) throws IOException {
		RunFacts run = s.run();
		this.out.write("<section class=\"cards\">\n");
		card("Products", "total-products", String.valueOf(s.products()), new String[][] {
				{ "generated", String.valueOf(s.generated()) }, { "up to date", String.valueOf(s.upToDate()) },
				{ "cached", String.valueOf(s.cached()) }, { "skipped", String.valueOf(s.skipped()) },
				{ "pending", String.valueOf(s.pending()) }, { "rows rejected", String.valueOf(s.rejectedRows()) },
				{ "removed from the catalog", String.valueOf(s.removed()) } });
		card("Cost", "total-cost", Figures.dollars(s.costUsd()), new String[][] {
				{ "per generated image", Figures.dollars(s.costPerGeneratedImage()) },
				{ "possibly billed", Figures.dollars(s.possiblyBilledUsd()) + " (" + s.possiblyBilledCalls() + " calls)" },
				{ "Batch API equivalent", Figures.dollars(s.batchEquivalentUsd()) },
				{ "images without price", String.valueOf(s.unpricedImages()) },
				{ "billed, no product row", Figures.dollars(s.unrecordedUsd()) + " (" + s.unrecordedImages() + " images)" } });
		LatencyStats api = s.apiLatency();
		LatencyStats total = s.totalLatency();
		card("Api latency p50", "latency-p50", ms(api.p50()), new String[][] { { "p90 / p95", ms(api.p90()) + " / " + ms(api.p95()) },
				{ "p99 / max", ms(api.p99()) + " / " + ms(api.max()) },
				{ "total p50 / p95", ms(total.p50()) + " / " + ms(total.p95()) },
				{ "total p99 / max", ms(total.p99()) + " / " + ms(total.max()) } });
		card("Images per minute", "images-per-minute", Figures.decimal(s.imagesPerMinute(), 1), new String[][] {
				{ "generate wall time", Figures.duration(run.generateWall()) },
				{ "RPM used", Figures.percent(s.rpmShareUsed()) + " of " + (run.rpmLimit() > 0 ? run.rpmLimit() : "?") },
				{ "retries / 429s", s.retries() + " / " + s.http429() },
				{ "rate-limit wait", Figures.duration(java.time.Duration.ofMillis(s.rateWaitMs())) } });
		this.out.write("</section>\n");
	}

	private void card(String label, String id, String big, String[][] details) throws IOException {
		this.out.write("<div class=\"card\"><div class=\"label\">" + Html.escape(label) + "</div><div class=\"big\" id=\""
				+ id + "\">" + Html.escape(big.isEmpty() ? "n/a" : big) + "</div><dl>");
		for (String[] detail : details) {
			this.out.write("<dt>" + Html.escape(detail[0]) + "</dt><dd>" + Html.escape(detail[1]) + "</dd>");
		}
		this.out.write("</dl></div>\n");
	}

	private static String ms(@Nullable Long value) {
		return value == null ? "n/a" : LatencyHistogram.label(value);
	}

}
