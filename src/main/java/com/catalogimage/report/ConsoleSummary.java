package com.catalogimage.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.catalogimage.batchmode.BatchTotals;
import org.jspecify.annotations.Nullable;

/**
 * The few lines {@code run} prints at the end: the status line (its {@code <STATUS> in <s> s: ...} shape is what
 * scripts look for), then cost, latency, throughput and, when there were any, the skip reasons.
 */
public final class ConsoleSummary {

	private ConsoleSummary() {
	}

	/**
	 * @param status the execution's batch status
	 * @param took wall time of this command
	 */
	public static List<String> lines(ReportSummary s, String status, Duration took) {
		List<String> lines = new ArrayList<>();
		lines.add(String.format(Locale.ROOT,
				"%s in %.1f s: %d products, %d generated, %d cached, %d up to date, %d skipped, %d pending, "
						+ "%d rows rejected; %s images/min (limit %s/min); cost %s",
				status, took.toMillis() / 1000.0, s.products(), s.generated(), s.cached(), s.upToDate(), s.skipped(),
				s.pending(), s.rejectedRows(), orNa(Figures.decimal(s.imagesPerMinute(), 0)), rpm(s),
				Figures.dollars(s.costUsd())));
		lines.add(String.format(Locale.ROOT,
				"  cost: %s per generated image%s%s, possibly billed %s (%d calls of unknown outcome), Batch API "
						+ "equivalent %s; prices as of %s",
				Figures.dollars(s.costPerGeneratedImage()),
				s.unpricedImages() > 0 ? " (" + s.unpricedImages() + " images without a price, not counted)" : "",
				s.unrecordedImages() > 0 ? ", " + Figures.dollars(s.unrecordedUsd()) + " (included) for "
						+ s.unrecordedImages() + " delivered images no product row prices (not saved, or cached by an "
						+ "unfinished chunk)" : "",
				Figures.dollars(s.possiblyBilledUsd()), s.possiblyBilledCalls(), Figures.dollars(s.batchEquivalentUsd()),
				s.pricesAsOf()));
		lines.add("  latency ms p50/p90/p95/p99/max: api " + percentiles(s.apiLatency()) + ", total "
				+ percentiles(s.totalLatency()));
		lines.add(String.format(Locale.ROOT,
				"  throughput: generate step %s, %s requests/min = %s of %s rpm; retries: %d, 429s: %d, "
						+ "rate-limit wait %s",
				Figures.duration(s.run().generateWall()), orNa(Figures.decimal(s.requestsPerMinute(), 0)),
				Figures.percent(s.rpmShareUsed()), rpm(s), s.retries(), s.http429(), Figures.duration(Duration.ofMillis(s.rateWaitMs()))));
		if (s.modes().batchUsed()) {
			lines.add(batchLine(s.modes()));
		}
		if (!s.skippedByReason().isEmpty()) {
			List<String> reasons = new ArrayList<>();
			for (Map.Entry<String, Long> reason : s.skippedByReason().entrySet()) {
				reasons.add(reason.getKey() + " " + reason.getValue());
			}
			lines.add("  skipped: " + String.join(", ", reasons));
		}
		if (s.removed() > 0) {
			lines.add("  removed: " + s.removed() + " products no longer in the catalog (listed in report.csv)");
		}
		return lines;
	}

	/** The one line for a run that used the Batch API. */
	static String batchLine(ReportSummary.Modes modes) {
		BatchTotals b = modes.batches();
		return String.format(Locale.ROOT,
				"  batch mode: %d images by batch, %d by sync; saved %s against sync; batches: %d submitted, "
						+ "%d succeeded, %d expired, %d cancelled, %d failed; %d duplicate outputs billed %s (in the cost)",
				modes.imagesBatch(), modes.imagesSync(), Figures.dollars(modes.savedAgainstSyncUsd()), b.submitted(),
				b.succeeded(), b.expired(), b.cancelled(), b.failed(), b.duplicates(),
				Figures.dollars(b.duplicateCostUsd()));
	}

	private static String rpm(ReportSummary s) {
		return s.run().rpmLimit() > 0 ? String.valueOf(s.run().rpmLimit()) : "?";
	}

	private static String percentiles(LatencyStats stats) {
		return stats.count() == 0 ? "n/a"
				: value(stats.p50()) + "/" + value(stats.p90()) + "/" + value(stats.p95()) + "/" + value(stats.p99())
						+ "/" + value(stats.max());
	}

	private static String value(@Nullable Long ms) {
		return ms == null ? "?" : ms.toString();
	}

	private static String orNa(String text) {
		return text.isEmpty() ? "n/a" : text;
	}

}
