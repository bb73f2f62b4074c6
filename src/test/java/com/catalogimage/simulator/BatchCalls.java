package com.catalogimage.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

/** Plain JDK HTTP calls to the simulator's Batch APIs, and their JSON read with JsonPath. */
final class BatchCalls {

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	private final String baseUrl;

	private final Map<String, String> headers;

	/** @param headers sent with every call (the key) */
	BatchCalls(String baseUrl, Map<String, String> headers) {
		this.baseUrl = baseUrl;
		this.headers = headers;
	}

	HttpResponse<String> get(String path) {
		return send(request(path).GET());
	}

	HttpResponse<String> delete(String path) {
		return send(request(path).DELETE());
	}

	HttpResponse<String> post(String path, String body) {
		return post(path, body.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json"));
	}

	HttpResponse<String> post(String path, byte[] body, Map<String, String> extra) {
		HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
		extra.forEach(builder::header);
		return send(builder);
	}

	/** The body of a 200 answer as JSON; anything else fails the test with the answer in the message. */
	static DocumentContext json(HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			throw new AssertionError("expected 200 but got " + response.statusCode() + ": " + response.body());
		}
		return JsonPath.parse(response.body());
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : this.baseUrl + path));
		this.headers.forEach(builder::header);
		return builder;
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
