package com.catalogimage.simulator;

import org.jspecify.annotations.Nullable;

/**
 * One request of a batch as the simulator keeps it while the batch waits: the caller's key and the parsed request,
 * never the line's bytes (a reference image inline in a line can be megabytes).
 *
 * @param key the line's {@code key} (Gemini) or {@code custom_id} (OpenAI), echoed on its results
 * @param prompt the request's prompt, as the sync path counts it in the stats
 * @param request the parsed request, or null when it could not be read
 * @param unreadable the answer to a request that could not be read (the sync path's 400), else null
 */
record BatchLine<R>(String key, String prompt, @Nullable R request, @Nullable Reply unreadable) {

	static <R> BatchLine<R> of(String key, R request, String prompt) {
		return new BatchLine<>(key, prompt, request, null);
	}

	static <R> BatchLine<R> unreadable(String key, Reply reply) {
		return new BatchLine<>(key, "", null, reply);
	}

}
