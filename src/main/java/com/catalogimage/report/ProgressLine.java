package com.catalogimage.report;

import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The words of a progress report: a log line for cron ({@link #text}) and a single-line bar for a terminal
 * ({@link #bar}). Rates count what this execution did since its generate step began, so a restart's ETA is not
 * flattered by products finished before it. A run with provider batches also shows them by state, and a run with a
 * deadline the time left to it.
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
		return text(progress, doneAtStart, elapsed, null);
	}

	/** @param toDeadline time left to the run's deadline (negative once it passed), or null when it has none */
	static String text(Progress progress, long doneAtStart, Duration elapsed, @Nullable Duration toDeadline) {
		StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
				"Progress %d/%d (%s): %s images/min, ETA %s, spent $%s, 429s: %d", progress.done(), progress.total(),
				percent(progress), rate(progress, elapsed), eta(progress, doneAtStart, elapsed),
				progress.spentUsd().setScale(4, RoundingMode.HALF_UP).toPlainString(), progress.http429()));
		if (!progress.batches().isEmpty()) {
			line.append("; batches: ").append(batches(progress.batches()));
		}
		if (toDeadline != null) {
			line.append("; ").append(deadline(toDeadline));
		}
		return line.toString();
	}

	static String bar(Progress progress, long doneAtStart, Duration elapsed) {
		return bar(progress, doneAtStart, elapsed, null);
	}

	static String bar(Progress progress, long doneAtStart, Duration elapsed, @Nullable Duration toDeadline) {
		int filled = progress.total() == 0 ? BAR_WIDTH : (int) (BAR_WIDTH * progress.done() / progress.total());
		StringBuilder bar = new StringBuilder(String.format(Locale.ROOT,
				"[%s%s] %d/%d %s | %s img/min | ETA %s | $%s | 429s %d", "#".repeat(filled),
				".".repeat(BAR_WIDTH - filled), progress.done(), progress.total(), percent(progress),
				rate(progress, elapsed), eta(progress, doneAtStart, elapsed),
				progress.spentUsd().setScale(2, RoundingMode.HALF_UP).toPlainString(), progress.http429()));
		if (!progress.batches().isEmpty()) {
			bar.append(" | batches ").append(batches(progress.batches()));
		}
		if (toDeadline != null) {
			bar.append(" | ").append(deadline(toDeadline));
		}
		return bar.toString();
	}

	/** {@code 2 running, 1 succeeded}: the states in the order the batches go through them, in lower case. */
	static String batches(Map<String, Long> byState) {
		List<String> parts = new ArrayList<>();
		byState.forEach((state, count) -> parts.add(count + " " + stateWord(state)));
		return String.join(", ", parts);
	}

	private static String stateWord(String state) {
		// INTENT: the row is committed, the provider has not (yet) answered the create
		return "INTENT".equals(state) ? "submitting" : state.toLowerCase(Locale.ROOT).replace('_', ' ');
	}

	/** {@code deadline in 5h12m}, or {@code deadline passed 3m05s ago}. */
	static String deadline(Duration toDeadline) {
		long seconds = toDeadline.getSeconds();
		return seconds >= 0 ? "deadline in " + span(seconds) : "deadline passed " + span(-seconds) + " ago";
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
		return span(Math.round(elapsed.toNanos() / 1e9 * progress.pending() / doneNow));
	}

	/** {@code 45s}, {@code 7m00s}, {@code 1h30m}. */
	private static String span(long seconds) {
		if (seconds < 60) {
			return seconds + "s";
		}
		if (seconds < 3600) {
			return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
		}
		return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
	}

}
