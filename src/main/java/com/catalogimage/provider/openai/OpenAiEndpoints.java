package com.catalogimage.provider.openai;

import java.net.URI;
import java.util.Locale;

/** The URLs of an OpenAI-compatible API under one configured base URL, with or without its {@code /v1}. */
final class OpenAiEndpoints {

	private final String api;

	OpenAiEndpoints(String baseUrl) {
		String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		this.api = base.toLowerCase(Locale.ROOT).endsWith("/v1") ? base : base + "/v1";
	}

	/** {@code <base>/v1/<path>}, e.g. {@code images/generations} or {@code batches/batch_abc}. */
	URI api(String path) {
		return URI.create(this.api + "/" + path);
	}

}
