package com.catalogimage.report;

import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

/**
 * The words of a progress report: a log line for cron ({@link #text}) and a single-line bar for a terminal
 * ({@link #bar}). Rates count what this execution did since its generate step began, so a restart's ETA is not
 * flattered by products finished before it.
 */
final class ProgressLine {

	private static final int BAR_WIDTH = 24;

	private ProgressLine() {
	}

	/**
	 * @param doneAtStart products already done when the step began
	 * @param elapsed time since the step began
	 */
	static String text(Progress progress, long doneAtStart, Duration elapsed) {
		return String.format(Locale.ROOT, "Progress %d/%d (%s): %s images/min, ETA %s, spent $%s, 429s: %d",
				progress.done(), progress.total(), percent(progress), rate(progress, elapsed), eta(progress, doneAtStart,
						elapsed), progress.spentUsd().setScale(4, RoundingMode.HALF_UP).toPlainString(),
				progress.http429());
	}

	static String bar(Progress progress, long doneAtStart, Duration elapsed) {
		int filled = progress.total() == 0 ? BAR_WIDTH : (int) (BAR_WIDTH * progress.done() / progress.total());
		return String.format(Locale.ROOT, "[%s%s] %d/%d %s | %s img/min | ETA %s | $%s | 429s %d",
				"#".repeat(filled), ".".repeat(BAR_WIDTH - filled), progress.done(), progress.total(), percent(progress),
				rate(progress, elapsed), eta(progress, doneAtStart, elapsed),
				progress.spentUsd().setScale(2, RoundingMode.HALF_UP).toPlainString(), progress.http429());
	}

	private static String percent(Progress progress) {
		long share = progress.total() == 0 ? 100 : progress.done() * 100 / progress.total();
		return share + " %";
	}

	private static String rate(Progress progress, Duration elapsed) {
		double minutes = elapsed.toNanos() / 60e9;
		return minutes <= 0 ? "0" : String.format(Locale.ROOT, "%.0f", progress.imagesNow() / minutes);
	}

	/** Time left at this execution's pace so far; "?" until something finished. */
	static String eta(Progress progress, long doneAtStart, Duration elapsed) {
		if (progress.pending() == 0) {
			return "0s";
		}
		long doneNow = progress.done() - doneAtStart;
		if (doneNow <= 0 || elapsed.isZero()) {
			return "?";
		}
		long seconds = Math.round(elapsed.toNanos() / 1e9 * progress.pending() / doneNow);
		if (seconds < 60) {
			return seconds + "s";
		}
		if (seconds < 3600) {
			return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
		}
		return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
	}

}
