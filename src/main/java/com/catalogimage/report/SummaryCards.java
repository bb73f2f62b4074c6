package com.catalogimage.report;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** The four cards at the top of report.html: products, cost, latency and throughput, as text the template places. */
final class SummaryCards {

	/**
	 * @param id the element id of the big figure, which browser checks read
	 * @param big the card's main figure
	 * @param details term and value pairs under it
	 */
	record Card(String label, String id, String big, List<Detail> details) {

		Card {
			big = big.isEmpty() ? "n/a" : big;
		}

	}

	record Detail(String term, String value) {
	}

	private SummaryCards() {
	}

	static List<Card> of(ReportSummary s) {
		RunFacts run = s.run();
		LatencyStats api = s.apiLatency();
		LatencyStats total = s.totalLatency();
		return List.of(
				new Card("Products", "total-products", String.valueOf(s.products()), List.of(
						new Detail("generated", String.valueOf(s.generated())),
						new Detail("up to date", String.valueOf(s.upToDate())),
						new Detail("cached", String.valueOf(s.cached())),
						new Detail("skipped", String.valueOf(s.skipped())),
						new Detail("pending", String.valueOf(s.pending())),
						new Detail("rows rejected", String.valueOf(s.rejectedRows())),
						new Detail("removed from the catalog", String.valueOf(s.removed())))),
				new Card("Cost", "total-cost", Figures.dollars(s.costUsd()), List.of(
						new Detail("per generated image", Figures.dollars(s.costPerGeneratedImage())),
						new Detail("possibly billed",
								Figures.dollars(s.possiblyBilledUsd()) + " (" + s.possiblyBilledCalls() + " calls)"),
						new Detail("Batch API equivalent", Figures.dollars(s.batchEquivalentUsd())),
						new Detail("images without price", String.valueOf(s.unpricedImages())),
						new Detail("billed, no product row",
								Figures.dollars(s.unrecordedUsd()) + " (" + s.unrecordedImages() + " images)"))),
				new Card("Api latency p50", "latency-p50", ms(api.p50()), List.of(
						new Detail("p90 / p95", ms(api.p90()) + " / " + ms(api.p95())),
						new Detail("p99 / max", ms(api.p99()) + " / " + ms(api.max())),
						new Detail("total p50 / p95", ms(total.p50()) + " / " + ms(total.p95())),
						new Detail("total p99 / max", ms(total.p99()) + " / " + ms(total.max())))),
				new Card("Images per minute", "images-per-minute", Figures.decimal(s.imagesPerMinute(), 1), List.of(
						new Detail("generate wall time", Figures.duration(run.generateWall())),
						new Detail("RPM used", Figures.percent(s.rpmShareUsed()) + " of "
								+ (run.rpmLimit() > 0 ? run.rpmLimit() : "?")),
						new Detail("retries / 429s", s.retries() + " / " + s.http429()),
						new Detail("rate-limit wait", Figures.duration(Duration.ofMillis(s.rateWaitMs()))))));
	}

	private static String ms(@Nullable Long value) {
		return value == null ? "n/a" : LatencyHistogram.label(value);
	}

}
