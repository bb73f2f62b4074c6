package com.catalogimage.image;

import java.time.Duration;
import java.util.Map;

/**
 * How long an image call typically takes per size: Gemini image calls take about 13 s at 1K, larger sizes longer.
 * Estimates plan with it, and the simulator answers with it unless told otherwise.
 */
public final class TypicalLatency {

	public static final Map<String, Duration> BY_SIZE = Map.of("512", Duration.ofSeconds(9), "1K",
			Duration.ofSeconds(13), "2K", Duration.ofSeconds(17), "4K", Duration.ofSeconds(26));

	private TypicalLatency() {
	}

}
