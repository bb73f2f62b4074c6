package com.catalogimage.generation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** A wait as a person reads it in a log or a stop message: {@code 0.8 s}, {@code 34.4 s}, {@code 10 min}, {@code 15 h 12 min 29 s}. */
final class HumanDuration {

	private HumanDuration() {
	}

	static String of(Duration duration) {
		if (duration.compareTo(Duration.ofMinutes(1)) < 0) {
			return BigDecimal.valueOf(duration.toMillis(), 3).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros()
				.toPlainString() + " s";
		}
		long seconds = duration.toSeconds();
		StringBuilder text = new StringBuilder();
		if (seconds >= 3600) {
			text.append(seconds / 3600).append(" h");
		}
		if (seconds % 3600 != 0) {
			text.append(text.isEmpty() ? "" : " ").append(seconds % 3600 / 60).append(" min");
		}
		if (seconds % 60 != 0) {
			text.append(" ").append(seconds % 60).append(" s");
		}
		return text.toString();
	}

}
