package com.catalogimage.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.catalogimage.provider.AspectRatio;
import com.catalogimage.provider.ImageSize;
import com.catalogimage.provider.Json;
import com.sun.net.httpserver.HttpExchange;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

/**
 * Answers {@code POST /v1beta/models/{model}:generateContent} the way the Gemini API does: per-model validation of
 * {@code imageSize} and {@code aspectRatio}, the key check, a text part before the image, draft "thought" images for
 * Pro models, and {@code usageMetadata} with the per-size image token counts.
 */
final class GeminiSimulatorHandler {

	static final Pattern PATH = Pattern.compile("^/v1beta/models/([^/:]+):generateContent$");

	private static final Pattern PRODUCT_NAME = Pattern.compile("(?i)photo of (.+?)(?::|\\.|$)");

	private final SimulatorProperties properties;

	private final SimulatorStats stats;

	private final LatencyModel latency;

	GeminiSimulatorHandler(SimulatorProperties properties, SimulatorStats stats) {
		this.properties = properties;
		this.stats = stats;
		this.latency = new LatencyModel(properties);
	}

	void handle(HttpExchange exchange, String modelId) throws IOException {
		long start = System.nanoTime();
		GeminiSimulatorRequest request;
		try {
			request = GeminiSimulatorRequest.parse(exchange.getRequestBody());
		}
		catch (JacksonException | IllegalArgumentException ex) {
			this.stats.requestStarted("");
			try {
				reply(exchange, 400, GoogleErrorBodies.error(400, "INVALID_ARGUMENT", "Invalid JSON payload received."));
			}
			finally {
				this.stats.requestEnded(System.nanoTime() - start);
			}
			return;
		}
		this.stats.requestStarted(request.prompt());
		try {
			answer(exchange, modelId, request);
		}
		finally {
			this.stats.requestEnded(System.nanoTime() - start);
		}
	}

	private void answer(HttpExchange exchange, String modelId, GeminiSimulatorRequest request) throws IOException {
		if (!keyAccepted(exchange)) {
			reply(exchange, 400, GoogleErrorBodies.invalidKey());
			return;
		}
		SimulatedModel model = SimulatedModel.find(modelId).orElse(null);
		if (model == null) {
			reply(exchange, 404, GoogleErrorBodies.modelNotFound(modelId));
			return;
		}
		String size = request.imageSize() == null ? "1K" : request.imageSize();
		if (ImageSize.parse(size).isEmpty() || !model.supportsSize(size)) {
			reply(exchange, 400, GoogleErrorBodies.error(400, "INVALID_ARGUMENT",
					"Unsupported image size '" + size + "' for model " + modelId + "."));
			return;
		}
		String ratio = request.aspectRatio() == null ? "1:1" : request.aspectRatio();
		if (!model.aspectRatios().contains(ratio)) {
			reply(exchange, 400, GoogleErrorBodies.error(400, "INVALID_ARGUMENT",
					"Unsupported aspect ratio '" + ratio + "' for model " + modelId + "."));
			return;
		}
		if (request.candidateCount() != 1) {
			reply(exchange, 400, GoogleErrorBodies.error(400, "INVALID_ARGUMENT",
					"Only one candidate can be specified for image generation models."));
			return;
		}
		sleep(this.latency.sample(size, request.prompt(), this.stats.requestsFor(request.prompt())));
		int[] dimensions = AspectRatio.dimensions(ratio, ImageSize.parse(size).orElseThrow());
		byte[] png = ProductImageRenderer.render(label(request.prompt()), dimensions[0], dimensions[1]);
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream out = exchange.getResponseBody(); JsonGenerator json = Json.FACTORY.createGenerator(out)) {
			writeSuccess(json, model, size, request, png);
		}
		this.stats.generated(request.prompt());
	}

	private static void writeSuccess(JsonGenerator json, SimulatedModel model, String size,
			GeminiSimulatorRequest request, byte[] png) {
		int imageTokens = model.imageTokens(size);
		int promptTokens = Math.max(1, request.prompt().split("\\s+").length * 4 / 3) + request.referenceImages() * 1120;
		json.writeStartObject();
		json.writeName("candidates");
		json.writeStartArray();
		json.writeStartObject();
		json.writeName("content");
		json.writeStartObject();
		json.writeStringProperty("role", "model");
		json.writeName("parts");
		json.writeStartArray();
		for (int i = 0; i < model.draftImages(); i++) {
			json.writeStartObject();
			json.writeName("inlineData");
			json.writeStartObject();
			json.writeStringProperty("mimeType", "image/png");
			json.writeName("data");
			json.writeBinary(Json.BASE64, png, 0, png.length);
			json.writeEndObject();
			json.writeBooleanProperty("thought", true);
			json.writeEndObject();
		}
		json.writeStartObject();
		json.writeStringProperty("text", "Here is the product image you asked for.");
		json.writeEndObject();
		json.writeStartObject();
		json.writeName("inlineData");
		json.writeStartObject();
		json.writeStringProperty("mimeType", "image/png");
		json.writeName("data");
		json.writeBinary(Json.BASE64, png, 0, png.length);
		json.writeEndObject();
		json.writeStringProperty("thoughtSignature", "c2ltdWxhdG9y");
		json.writeEndObject();
		json.writeEndArray();
		json.writeEndObject();
		json.writeStringProperty("finishReason", "STOP");
		json.writeNumberProperty("index", 0);
		json.writeEndObject();
		json.writeEndArray();
		json.writeName("usageMetadata");
		json.writeStartObject();
		json.writeNumberProperty("promptTokenCount", promptTokens);
		json.writeNumberProperty("candidatesTokenCount", imageTokens + 10);
		if (model.thinkingTokens() > 0) {
			json.writeNumberProperty("thoughtsTokenCount", model.thinkingTokens());
		}
		json.writeNumberProperty("totalTokenCount", promptTokens + imageTokens + 10 + model.thinkingTokens());
		json.writeName("candidatesTokensDetails");
		json.writeStartArray();
		json.writeStartObject();
		json.writeStringProperty("modality", "IMAGE");
		json.writeNumberProperty("tokenCount", imageTokens);
		json.writeEndObject();
		json.writeStartObject();
		json.writeStringProperty("modality", "TEXT");
		json.writeNumberProperty("tokenCount", 10);
		json.writeEndObject();
		json.writeEndArray();
		json.writeEndObject();
		json.writeStringProperty("modelVersion", model.id());
		json.writeStringProperty("responseId", "sim-" + Long.toHexString(System.nanoTime()));
		json.writeEndObject();
	}

	private boolean keyAccepted(HttpExchange exchange) {
		String expected = this.properties.apiKey();
		if (expected == null || expected.isEmpty()) {
			return true;
		}
		String header = exchange.getRequestHeaders().getFirst("x-goog-api-key");
		return expected.equals(header) || expected.equals(queryKey(exchange.getRequestURI()));
	}

	private static String queryKey(URI uri) {
		String query = uri.getRawQuery();
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			if (pair.startsWith("key=")) {
				return java.net.URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	static String label(String prompt) {
		Matcher matcher = PRODUCT_NAME.matcher(prompt);
		String label = matcher.find() ? matcher.group(1) : prompt;
		return label.length() > 72 ? label.substring(0, 72) : label;
	}

	void reply(HttpExchange exchange, int status, String body) throws IOException {
		this.stats.failed(status);
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
