package com.catalogimage.remote;

import java.time.Duration;

/** A duration as a person reads it in a message: {@code 2m}, {@code 90s}, {@code 1h30m}. */
final class HumanDurations {

	private HumanDurations() {
	}

	static String of(Duration duration) {
		long seconds = Math.max(0, duration.toSeconds());
		if (seconds < 60) {
			return seconds + "s";
		}
		long minutes = seconds / 60;
		long rest = seconds % 60;
		if (minutes < 60) {
			return minutes + "m" + (rest == 0 ? "" : rest + "s");
		}
		return minutes / 60 + "h" + (minutes % 60 == 0 ? "" : minutes % 60 + "m");
	}

}
