package com.catalogimage.batchmode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One row of {@code provider_batch}: a batch of a job instance, from the intent recorded before its create call to
 * its harvest.
 *
 * @param state {@link #INTENT} until the provider named it, then a {@link com.catalogimage.provider.BatchState} name;
 * the last one stays, so the report can say how each batch ended (that its results were read is {@code harvested_at})
 * @param providerName the provider's name for it, null until create answered (or a restart found it)
 * @param resultsRead per result source, the index of the next line to read
 */
record ProviderBatch(long id, long jobInstanceId, int shardNo, String displayName, String state,
		@Nullable String providerName, @Nullable String inputFile, int products, @Nullable Instant submittedAt,
		Map<String, Long> resultsRead, boolean cancelRequested) {

	static final String INTENT = "INTENT";

	boolean isIntent() {
		return INTENT.equals(this.state);
	}

	/** Where reading a result source goes on from. */
	long nextIndex(String source) {
		return this.resultsRead.getOrDefault(source, 0L);
	}

	/** {@code source=nextIndex;...}, as the column keeps it. */
	static String formatResultsRead(Map<String, Long> read) {
		StringBuilder text = new StringBuilder();
		read.forEach((source, index) -> text.append(text.isEmpty() ? "" : ";").append(source).append('=').append(index));
		return text.toString();
	}

	static Map<String, Long> parseResultsRead(@Nullable String text) {
		Map<String, Long> read = new LinkedHashMap<>();
		if (text == null || text.isBlank()) {
			return read;
		}
		for (String entry : text.split(";")) {
			int equals = entry.lastIndexOf('=');
			read.put(entry.substring(0, equals), Long.parseLong(entry.substring(equals + 1)));
		}
		return read;
	}

}
