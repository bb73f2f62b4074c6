package com.catalogimage.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

import com.catalogimage.image.AspectRatio;
import com.catalogimage.image.Dimensions;
import com.catalogimage.image.ImageFormat;
import com.catalogimage.image.ImageSize;
import com.catalogimage.json.Json;
import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Answers {@code POST /v1beta/models/{model}:generateContent} (and {@code /v1/}) the way the Gemini API does: per-model
 * validation of {@code imageSize}, {@code aspectRatio} and the input token limit, the key check ({@code x-goog-api-key}
 * or {@code ?key=}), the image in the model's format (JPEG for the 3.x models), a text part before it only when TEXT is
 * among the {@code responseModalities}, draft "thought" images for Pro models, {@code usageMetadata} with the per-size
 * image token counts, google.rpc.Status errors with QuotaFailure and RetryInfo (on a per-day 429 too, as the real API
 * sends), and safety blocks as {@code promptFeedback} or {@code finishReason}.
 */
final class GeminiSimulatorHandler extends WireHandler<GeminiSimulatorHandler.Call> {

	static final Pattern PATH = Pattern.compile("^/v1(?:beta)?/models/([^/:]+):generateContent$");

	/**
	 * The RetryInfo of a per-day 429, before scaling: real ones carry a short hint next to the PerDay violation (47 s
	 * in a recorded answer), which a client must not take as "retry soon".
	 */
	static final Duration DAILY_QUOTA_RETRY_HINT = Duration.ofSeconds(47);

	/** The text part of an answer that asked for TEXT, and its token count. */
	private static final String TEXT = "Here is the product image you asked for.";

	private static final int TEXT_TOKENS = 10;

	private static final String REQUESTS_METRIC = "generativelanguage.googleapis.com/generate_requests_per_model";

	private static final String DAILY_METRIC = "generativelanguage.googleapis.com/generate_requests_per_model_per_day";

	/** A parsed request, the model and the API version ({@code v1} or {@code v1beta}) from the path. */
	record Call(String modelId, String apiVersion, GeminiSimulatorRequest request) {

		String size() {
			return this.request.imageSize() == null ? "1K" : this.request.imageSize();
		}

		String ratio() {
			return this.request.aspectRatio() == null ? "1:1" : this.request.aspectRatio();
		}

	}

	GeminiSimulatorHandler(SimulatorProperties properties, SimulatorStats stats, SimulatorFaults faults,
			RequestQuotas quotas, Payloads payloads) {
		super(properties, stats, faults, quotas, payloads);
	}

	@Override
	Call parse(HttpExchange exchange, @Nullable String pathModel) {
		String version = exchange.getRequestURI().getPath().startsWith("/v1beta/") ? "v1beta" : "v1";
		return new Call(pathModel == null ? "" : pathModel, version,
				GeminiSimulatorRequest.parse(exchange.getRequestBody()));
	}

	@Override
	String prompt(Call call) {
		return call.request().prompt();
	}

	@Override
	String sizeKey(Call call) {
		return call.size();
	}

	@Override
	boolean keyAccepted(HttpExchange exchange) {
		String expected = this.properties.apiKey();
		if (expected == null || expected.isEmpty()) {
			return true;
		}
		String header = exchange.getRequestHeaders().getFirst("x-goog-api-key");
		return expected.equals(header) || expected.equals(queryKey(exchange.getRequestURI()));
	}

	@Override
	void addHeaders(HttpExchange exchange, int status) {
		// Gemini sends no Retry-After and no x-ratelimit-* headers: its hints are in the body
	}

	@Override
	Reply invalidJson(@Nullable String detail) {
		return new Reply(400, GoogleErrorBodies.error(400, "INVALID_ARGUMENT", "Invalid JSON payload received."));
	}

	@Override
	Reply invalidKey(HttpExchange exchange) {
		return new Reply(400, GoogleErrorBodies.invalidKey());
	}

	@Override
	Reply systemic(String status, Call call) {
		return switch (status) {
			case "401" -> new Reply(401, GoogleErrorBodies.unauthenticated());
			case "403" -> new Reply(403, GoogleErrorBodies.permissionDenied());
			case "404" -> new Reply(404, GoogleErrorBodies.modelNotFound(call.modelId(), call.apiVersion()));
			default -> new Reply(400, GoogleErrorBodies.invalidKey());
		};
	}

	@Override
	@Nullable Reply validate(Call call) {
		SimulatedModel model = SimulatedModel.find(call.modelId()).orElse(null);
		if (model == null) {
			return new Reply(404, GoogleErrorBodies.modelNotFound(call.modelId(), call.apiVersion()));
		}
		String size = call.size();
		if (ImageSize.parse(size).isEmpty() || !model.supportsSize(size)) {
			return invalidArgument("Unsupported image size '" + size + "' for model " + call.modelId() + ".");
		}
		if (!model.aspectRatios().contains(call.ratio())) {
			return invalidArgument("Unsupported aspect ratio '" + call.ratio() + "' for model " + call.modelId() + ".");
		}
		if (call.request().candidateCount() != 1) {
			return invalidArgument("Only one candidate can be specified for image generation models.");
		}
		int inputTokens = promptTokens(call.request());
		if (inputTokens > model.maxInputTokens()) {
			return invalidArgument("The input token count (%d) exceeds the maximum number of tokens allowed (%d)."
				.formatted(inputTokens, model.maxInputTokens()));
		}
		return null;
	}

	@Override
	Reply dailyQuota(Call call) {
		return new Reply(429, GoogleErrorBodies.quotaExhausted(GoogleErrorBodies.DAY_QUOTA_ID, DAILY_METRIC,
				call.modelId(), this.quotas.rpd(), this.properties.scaled(DAILY_QUOTA_RETRY_HINT)));
	}

	@Override
	Reply minuteQuota(Call call, Duration wait) {
		return new Reply(429, GoogleErrorBodies.quotaExhausted(GoogleErrorBodies.MINUTE_QUOTA_ID, REQUESTS_METRIC,
				call.modelId(), this.quotas.rpm(), wait));
	}

	@Override
	Reply rateLimited(Call call, Duration retryDelay) {
		int limit = this.quotas.rpm() > 0 ? this.quotas.rpm() : 60;
		return new Reply(429, GoogleErrorBodies.quotaExhausted(GoogleErrorBodies.MINUTE_QUOTA_ID, REQUESTS_METRIC,
				call.modelId(), limit, retryDelay));
	}

	@Override
	Reply internalError() {
		return new Reply(500, GoogleErrorBodies.internal());
	}

	@Override
	Reply overloaded() {
		return new Reply(503, GoogleErrorBodies.overloaded());
	}

	@Override
	Reply deadlineExceeded() {
		return new Reply(504, GoogleErrorBodies.deadlineExceeded());
	}

	/** Alternates by prompt between the two shapes of a block: a blocked prompt, and a blocked image. */
	@Override
	Reply blocked(Call call, String prompt) {
		int tokens = promptTokens(call.request());
		if ((prompt.hashCode() & 1) == 0) {
			return new Reply(200, """
					{"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"},"usageMetadata":{"promptTokenCount":%d,\
					"totalTokenCount":%d},"modelVersion":"%s","responseId":"%s"}"""
				.formatted(tokens, tokens, call.modelId(), responseId()));
		}
		return noImageAnswer(call, "IMAGE_SAFETY", null);
	}

	/** Alternates by prompt between finishReason NO_IMAGE and a text-only answer that ends with STOP. */
	@Override
	Reply noImage(Call call, String prompt) {
		if ((prompt.hashCode() & 2) == 0) {
			return noImageAnswer(call, "NO_IMAGE", null);
		}
		return noImageAnswer(call, "STOP", "I can describe the product, but I did not draw it this time.");
	}

	private Reply noImageAnswer(Call call, String finishReason, @Nullable String text) {
		int tokens = promptTokens(call.request());
		String parts = text == null ? "" : ",\"parts\":[{\"text\":\"" + text + "\"}]";
		return new Reply(200, """
				{"candidates":[{"content":{"role":"model"%s},"finishReason":"%s","index":0}],\
				"usageMetadata":{"promptTokenCount":%d,"totalTokenCount":%d},"modelVersion":"%s","responseId":"%s"}"""
			.formatted(parts, finishReason, tokens, tokens, call.modelId(), responseId()));
	}

	@Override
	String malformedBody() {
		return "{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Here is\" \"oops\"";
	}

	@Override
	void writeSuccess(OutputStream out, Call call, String prompt, boolean blank) throws IOException {
		SimulatedModel model = SimulatedModel.find(call.modelId()).orElseThrow();
		ImageSize size = ImageSize.parse(call.size()).orElseThrow();
		Dimensions dimensions = AspectRatio.dimensions(call.ratio(), size);
		byte[] image = this.payloads.image(label(prompt), dimensions.width(), dimensions.height(), size, model.output(), blank);
		try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
			writeAnswer(json, model, call, prompt, dimensions, image);
		}
	}

	private void writeAnswer(JsonGenerator json, SimulatedModel model, Call call, String prompt, Dimensions dimensions,
			byte[] image) {
		int imageTokens = model.imageTokens(call.size());
		int promptTokens = promptTokens(call.request());
		json.writeStartObject();
		json.writeName("candidates");
		json.writeStartArray();
		json.writeStartObject();
		json.writeName("content");
		json.writeStartObject();
		json.writeStringProperty("role", "model");
		json.writeName("parts");
		json.writeStartArray();
		if (model.draftImages() > 0) {
			byte[] draft = this.payloads.draft(label(prompt), dimensions.width(), dimensions.height(), model.output());
			for (int i = 0; i < model.draftImages(); i++) {
				json.writeStartObject();
				writeInlineData(json, model.output(), draft);
				json.writeBooleanProperty("thought", true);
				json.writeEndObject();
			}
		}
		boolean text = call.request().wantsText();
		if (text) {
			json.writeStartObject();
			json.writeStringProperty("text", TEXT);
			json.writeStringProperty("thoughtSignature", "c2ltdWxhdG9yLXRleHQ=");
			json.writeEndObject();
		}
		json.writeStartObject();
		writeInlineData(json, model.output(), image);
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
		// real answers count more candidate tokens than they itemise (docs/DESIGN-NOTES.md)
		int candidateTokens = imageTokens + model.unitemisedTokens() + (text ? TEXT_TOKENS : 0);
		json.writeNumberProperty("promptTokenCount", promptTokens);
		json.writeNumberProperty("candidatesTokenCount", candidateTokens);
		if (model.thinkingTokens() > 0) {
			json.writeNumberProperty("thoughtsTokenCount", model.thinkingTokens());
		}
		json.writeNumberProperty("totalTokenCount", promptTokens + candidateTokens + model.thinkingTokens());
		json.writeName("promptTokensDetails");
		json.writeStartArray();
		writeModality(json, "TEXT", promptTokens - referenceTokens(call.request()));
		if (call.request().referenceImages() > 0) {
			writeModality(json, "IMAGE", referenceTokens(call.request()));
		}
		json.writeEndArray();
		json.writeName("candidatesTokensDetails");
		json.writeStartArray();
		writeModality(json, "IMAGE", imageTokens);
		if (text) {
			writeModality(json, "TEXT", TEXT_TOKENS);
		}
		json.writeEndArray();
		json.writeEndObject();
		json.writeStringProperty("modelVersion", model.id());
		json.writeStringProperty("responseId", responseId());
		json.writeEndObject();
	}

	private static void writeInlineData(JsonGenerator json, ImageFormat format, byte[] image) {
		json.writeName("inlineData");
		json.writeStartObject();
		json.writeStringProperty("mimeType", format.mimeType());
		json.writeName("data");
		json.writeBinary(Json.BASE64, image, 0, image.length);
		json.writeEndObject();
	}

	private static void writeModality(JsonGenerator json, String modality, int tokens) {
		json.writeStartObject();
		json.writeStringProperty("modality", modality);
		json.writeNumberProperty("tokenCount", tokens);
		json.writeEndObject();
	}

	private static int promptTokens(GeminiSimulatorRequest request) {
		return Math.max(1, request.prompt().split("\\s+").length * 4 / 3) + referenceTokens(request);
	}

	private static int referenceTokens(GeminiSimulatorRequest request) {
		return request.referenceImages() * 1120;
	}

	private static Reply invalidArgument(String message) {
		return new Reply(400, GoogleErrorBodies.error(400, "INVALID_ARGUMENT", message));
	}

	private static String responseId() {
		return "sim-" + Long.toHexString(System.nanoTime());
	}

	private static @Nullable String queryKey(URI uri) {
		String query = uri.getRawQuery();
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			if (pair.startsWith("key=")) {
				return URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

}
