package com.catalogimage.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** How numbers look in the reports: dot decimals whatever the locale, money to the micro-dollar, durations short. */
final class Figures {

	private Figures() {
	}

	static String usd(BigDecimal usd) {
		return usd.setScale(6, RoundingMode.HALF_UP).toPlainString();
	}

	/** Money for people: four decimals, enough for per-image prices of a few cents. */
	static String dollars(@Nullable BigDecimal usd) {
		return usd == null ? "n/a" : "$" + usd.setScale(4, RoundingMode.HALF_UP).toPlainString();
	}

	static String decimal(@Nullable Double value, int decimals) {
		return value == null ? "" : String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	static String percent(@Nullable Double share) {
		return share == null ? "n/a" : String.format(Locale.ROOT, "%.0f %%", share * 100);
	}

	static String millis(@Nullable Long ms) {
		return ms == null ? "" : Long.toString(ms);
	}

	/** {@code 850 ms}, {@code 12.4 s}, {@code 3m 05s}, {@code 2h 07m}. */
	static String duration(Duration duration) {
		long ms = duration.toMillis();
		if (ms == 0) {
			return "0 s";
		}
		if (ms < 1000) {
			return ms + " ms";
		}
		if (ms < 60_000) {
			return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
		}
		long s = duration.toSeconds();
		if (s < 3600) {
			return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
		}
		return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
	}

}
