package com.catalogimage.batchmode;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** How a run buys its images ({@code --mode}). */
public enum BatchMode {

	/** One call per product, as always. */
	SYNC,

	/** Every pending product through the provider's Batch API; what it does not deliver is then done synchronously. */
	BATCH,

	/** As {@link #BATCH}, switching to synchronous calls when the time left to the deadline only just covers them. */
	AUTO;

	/** The words the flag takes. */
	public static List<String> words() {
		return Arrays.stream(values()).map(BatchMode::word).toList();
	}

	public String word() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The mode a word names; null (an execution launched before batch mode existed) is {@link #SYNC}. */
	public static BatchMode of(@Nullable String word) {
		if (word == null) {
			return SYNC;
		}
		for (BatchMode mode : values()) {
			if (mode.word().equals(word)) {
				return mode;
			}
		}
		throw new IllegalArgumentException("mode must be one of " + String.join(", ", words()) + ", not '" + word + "'");
	}

}
