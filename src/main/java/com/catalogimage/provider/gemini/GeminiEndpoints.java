package com.catalogimage.provider.gemini;

import java.net.URI;
import java.util.Locale;

/**
 * The URLs of the Gemini API under one configured base URL. The base may be the host alone
 * ({@code https://generativelanguage.googleapis.com}), end in the API version, or be a relay's prefix; the API lives
 * under {@code <root>/v1beta}, and the Files API's upload and download under {@code <root>/upload/v1beta} and
 * {@code <root>/download/v1beta}.
 */
final class GeminiEndpoints {

	private final String api;

	private final String root;

	GeminiEndpoints(String baseUrl) {
		String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		String lower = base.toLowerCase(Locale.ROOT);
		if (lower.endsWith("/v1beta") || lower.endsWith("/v1")) {
			this.api = base;
			this.root = base.substring(0, base.lastIndexOf('/'));
		}
		else {
			this.api = base + "/v1beta";
			this.root = base;
		}
	}

	/** {@code <api>/<path>}, e.g. {@code models/x:generateContent} or {@code batches/123}. */
	URI api(String path) {
		return URI.create(this.api + "/" + path);
	}

	/** The Files API's resumable upload start URL. */
	URI upload() {
		return URI.create(this.root + "/upload/v1beta/files");
	}

	/** The media download URL of a file named {@code files/<id>}. */
	URI download(String fileName) {
		return URI.create(this.root + "/download/v1beta/" + fileName + ":download?alt=media");
	}

	/** Whether {@code uri} is on the same scheme, host and port as the configured base, so the key may go there. */
	boolean sameOrigin(URI uri) {
		URI base = URI.create(this.root);
		return base.getScheme() != null && base.getScheme().equalsIgnoreCase(uri.getScheme())
				&& base.getHost() != null && base.getHost().equalsIgnoreCase(uri.getHost())
				&& effectivePort(base) == effectivePort(uri);
	}

	private static int effectivePort(URI uri) {
		if (uri.getPort() >= 0) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

}
