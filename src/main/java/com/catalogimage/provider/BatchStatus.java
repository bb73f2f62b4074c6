package com.catalogimage.provider;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the provider says about one batch.
 *
 * @param id the provider's name for it ({@code batches/abc} for Gemini, {@code batch_abc} for OpenAI)
 * @param displayName the display name it was created with, or empty
 * @param state the state, the same for every provider
 * @param rawState the provider's own word for the state, for logs and reports
 * @param counts request counts
 * @param results where its results can be read, in reading order; empty while there are none (a batch can be
 * SUCCEEDED a moment before its results are there: poll again)
 * @param createTime when the provider created it, or null when it did not say
 * @param error the provider's reason for a FAILED batch ({@code code: message}, without secrets), or null
 */
public record BatchStatus(String id, String displayName, BatchState state, String rawState, BatchCounts counts,
		List<ResultSource> results, @Nullable Instant createTime, @Nullable String error) {

	public BatchStatus {
		results = List.copyOf(results);
	}

}
