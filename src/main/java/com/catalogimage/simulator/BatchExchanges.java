package com.catalogimage.simulator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.catalogimage.json.Json;
import com.sun.net.httpserver.HttpExchange;
import tools.jackson.core.JsonGenerator;

/** What the Batch API endpoints of both wires do with an exchange: read its query, answer whole or streamed. */
final class BatchExchanges {

	static final String JSON = "application/json; charset=UTF-8";

	private BatchExchanges() {
	}

	/** The query parameters, decoded; the first value of a repeated one. */
	static Map<String, String> query(HttpExchange exchange) {
		Map<String, String> parameters = new LinkedHashMap<>();
		String query = exchange.getRequestURI().getRawQuery();
		if (query == null) {
			return parameters;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			parameters.putIfAbsent(name, value);
		}
		return parameters;
	}

	static void send(HttpExchange exchange, Reply reply) throws IOException {
		reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
		if (bytes.length > 0) {
			exchange.getResponseHeaders().set("Content-Type", JSON);
		}
		exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * Starts a 200 answer of unknown length (chunked) and returns its body: what a result file or an operation with
	 * inline images is written to as it is rendered.
	 */
	static OutputStream stream(HttpExchange exchange, String contentType) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(200, 0);
		return new BufferedOutputStream(exchange.getResponseBody(), 1 << 16);
	}

	/** A JSON string literal, escaped. */
	static String quote(String text) {
		StringWriter out = new StringWriter();
		try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
			json.writeString(text);
		}
		return out.toString();
	}

	/**
	 * Writes a JSON value that another writer renders straight to {@code out} as the value of the field the generator
	 * just named: the generator marks the value written, is flushed, and the writer appends the bytes after it.
	 */
	static void embed(JsonGenerator json, OutputStream out, EmbeddedWriter writer) throws IOException {
		json.writeRawValue("");
		json.flush();
		writer.write(out);
	}

	@FunctionalInterface
	interface EmbeddedWriter {

		void write(OutputStream out) throws IOException;

	}

}
