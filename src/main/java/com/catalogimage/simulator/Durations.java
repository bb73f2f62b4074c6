package com.catalogimage.simulator;

import java.math.BigDecimal;
import java.time.Duration;

/** How the providers spell durations on the wire. */
final class Durations {

	private Durations() {
	}

	/** A protobuf Duration as Gemini's RetryInfo carries it: {@code "53s"}, {@code "45.837906927s"}. */
	static String protobuf(Duration duration) {
		return seconds(duration) + "s";
	}

	/** Seconds with up to nine decimals and no trailing zeros. */
	static String seconds(Duration duration) {
		return BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString();
	}

	/** A Go {@code time.Duration} string as OpenAI's x-ratelimit-reset-* headers carry it: {@code 12ms}, {@code 6m0s}. */
	static String go(Duration duration) {
		long millis = Math.max(0, duration.toMillis());
		if (millis < 1000) {
			return millis + "ms";
		}
		long minutes = millis / 60_000;
		String seconds = BigDecimal.valueOf(millis % 60_000, 3).stripTrailingZeros().toPlainString();
		return minutes > 0 ? minutes + "m" + seconds + "s" : seconds + "s";
	}

}
