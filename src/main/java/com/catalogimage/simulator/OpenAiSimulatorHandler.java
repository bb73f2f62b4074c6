package com.catalogimage.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

import com.catalogimage.image.ImageFormat;
import com.catalogimage.image.ImageSize;
import com.catalogimage.json.Json;
import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Answers {@code POST /v1/images/generations} the way the OpenAI API does: bearer key check, per-model validation of
 * {@code size}, {@code n}, {@code response_format} and {@code output_format}, {@code data[].b64_json} with
 * {@code usage} for GPT image models, error envelopes with stable {@code code}s, and on 429s the {@code retry-after},
 * {@code retry-after-ms} and {@code x-ratelimit-*} headers the official SDKs read.
 */
final class OpenAiSimulatorHandler extends WireHandler<OpenAiSimulatorRequest> {

	static final String PATH = "/v1/images/generations";

	private static final List<String> OUTPUT_FORMATS = List.of("png", "jpeg");

	OpenAiSimulatorHandler(SimulatorProperties properties, SimulatorStats stats, SimulatorFaults faults,
			RequestQuotas quotas, Payloads payloads) {
		super(properties, stats, faults, quotas, payloads);
	}

	@Override
	OpenAiSimulatorRequest parse(HttpExchange exchange, @Nullable String pathModel) {
		return OpenAiSimulatorRequest.parse(exchange.getRequestBody());
	}

	@Override
	String prompt(OpenAiSimulatorRequest request) {
		return request.prompt();
	}

	@Override
	String sizeKey(OpenAiSimulatorRequest request) {
		int[] pixels = dimensions(request);
		return sizeOf(pixels[0], pixels[1]).wire();
	}

	@Override
	boolean keyAccepted(HttpExchange exchange) {
		String expected = this.properties.apiKey();
		return expected == null || expected.isEmpty() || expected.equals(bearer(exchange));
	}

	@Override
	void addHeaders(HttpExchange exchange, int status) {
		exchange.getResponseHeaders().set("x-request-id", "req_sim" + Long.toHexString(System.nanoTime()));
		exchange.getResponseHeaders().set("openai-version", "2020-10-01");
		exchange.getResponseHeaders().set("openai-organization", "org-simulator");
		int rpm = this.quotas.rpm();
		if (rpm > 0 && status != 429) {
			exchange.getResponseHeaders().set("x-ratelimit-limit-requests", String.valueOf(rpm));
			exchange.getResponseHeaders()
				.set("x-ratelimit-remaining-requests", String.valueOf(this.quotas.remainingInWindow()));
			exchange.getResponseHeaders().set("x-ratelimit-reset-requests", Durations.go(Duration.ofMillis(60_000L / rpm)));
		}
	}

	@Override
	Reply invalidJson(@Nullable String detail) {
		String message = detail != null && detail.startsWith("Missing required parameter") ? detail
				: "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your "
						+ "HTTP library correctly.)";
		return new Reply(400, OpenAiErrorBodies.error(message, "invalid_request_error", null, null));
	}

	@Override
	Reply invalidKey(HttpExchange exchange) {
		return new Reply(401, OpenAiErrorBodies.invalidKey(bearer(exchange)));
	}

	@Override
	Reply systemic(String status, OpenAiSimulatorRequest request) {
		return switch (status) {
			case "403" -> new Reply(403, OpenAiErrorBodies.forbidden());
			case "404" -> new Reply(404, OpenAiErrorBodies.modelNotFound(request.model()));
			default -> new Reply(401, OpenAiErrorBodies.invalidKey(null));
		};
	}

	@Override
	@Nullable Reply validate(OpenAiSimulatorRequest request) {
		OpenAiSimulatedModel model = OpenAiSimulatedModel.find(request.model()).orElse(null);
		if (model == null) {
			return new Reply(404, OpenAiErrorBodies.modelNotFound(request.model()));
		}
		if (request.promptLength() > model.maxPromptLength()) {
			return new Reply(400, OpenAiErrorBodies.promptTooLong(model.gptImage(), model.maxPromptLength(),
					request.promptLength()));
		}
		if (request.n() < 1 || request.n() > model.maxImages()) {
			return invalidValue("n", "Invalid 'n': integer must be between 1 and " + model.maxImages() + " for "
					+ model.id() + ".");
		}
		String size = request.size() == null ? model.defaultSize() : request.size();
		if (!model.sizes().contains(size)) {
			return invalidValue("size", "Invalid value: '" + size + "'. Supported values are: '"
					+ String.join("', '", model.sizes()) + "'.");
		}
		if (model.gptImage() && request.responseFormat() != null) {
			return unknownParameter("response_format");
		}
		if (!model.gptImage() && request.outputFormat() != null) {
			return unknownParameter("output_format");
		}
		if (request.outputFormat() != null && !OUTPUT_FORMATS.contains(request.outputFormat())) {
			return invalidValue("output_format", "Invalid value: '" + request.outputFormat()
					+ "'. The simulator renders 'png' and 'jpeg'.");
		}
		if (request.responseFormat() != null && !List.of("url", "b64_json").contains(request.responseFormat())) {
			return invalidValue("response_format", "Invalid value: '" + request.responseFormat()
					+ "'. Supported values are: 'url' and 'b64_json'.");
		}
		return null;
	}

	@Override
	Reply dailyQuota(OpenAiSimulatorRequest request) {
		return new Reply(429, OpenAiErrorBodies.insufficientQuota());
	}

	@Override
	Reply minuteQuota(OpenAiSimulatorRequest request, Duration wait) {
		return rateLimitedReply(request, this.quotas.rpm(), wait);
	}

	@Override
	Reply rateLimited(OpenAiSimulatorRequest request, Duration retryDelay) {
		return rateLimitedReply(request, this.quotas.rpm() > 0 ? this.quotas.rpm() : 5, retryDelay);
	}

	private static Reply rateLimitedReply(OpenAiSimulatorRequest request, int limit, Duration wait) {
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		return new Reply(429, OpenAiErrorBodies.rateLimited(request.model(), limit, Durations.go(wait)))
			.withHeader("retry-after", String.valueOf(seconds))
			.withHeader("retry-after-ms", String.valueOf(Math.max(1, wait.toMillis())))
			.withHeader("x-ratelimit-limit-requests", String.valueOf(limit))
			.withHeader("x-ratelimit-remaining-requests", "0")
			.withHeader("x-ratelimit-reset-requests", Durations.go(wait));
	}

	@Override
	Reply internalError() {
		return new Reply(500, OpenAiErrorBodies.serverError());
	}

	@Override
	Reply overloaded() {
		return new Reply(503, OpenAiErrorBodies.overloaded());
	}

	@Override
	Reply deadlineExceeded() {
		return new Reply(504, OpenAiErrorBodies.error("Gateway timeout.", "server_error", null, null));
	}

	@Override
	Reply blocked(OpenAiSimulatorRequest request, String prompt) {
		return new Reply(400, OpenAiErrorBodies.moderationBlocked());
	}

	@Override
	Reply noImage(OpenAiSimulatorRequest request, String prompt) {
		return new Reply(200, "{\"created\":" + created() + ",\"data\":[]}");
	}

	@Override
	String malformedBody() {
		return "{\"created\": 1713833628, \"data\": [{\"b64_json\": \"iVBORw0KGgo\" \"oops\"";
	}

	@Override
	void writeSuccess(OutputStream out, OpenAiSimulatorRequest request, String prompt, boolean blank)
			throws IOException {
		OpenAiSimulatedModel model = OpenAiSimulatedModel.find(request.model()).orElseThrow();
		int[] pixels = dimensions(request);
		String format = request.outputFormat() == null ? "png" : request.outputFormat();
		ImageFormat imageFormat = "jpeg".equals(format) ? ImageFormat.JPEG : ImageFormat.PNG;
		boolean inline = model.gptImage() || "b64_json".equals(request.responseFormat());
		byte[] image = inline ? this.payloads.image(label(prompt), pixels[0], pixels[1], sizeOf(pixels[0], pixels[1]),
				imageFormat, blank) : new byte[0];
		String quality = quality(request);
		try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
			json.writeStartObject();
			json.writeNumberProperty("created", created());
			json.writeName("data");
			json.writeStartArray();
			for (int i = 0; i < request.n(); i++) {
				json.writeStartObject();
				if (inline) {
					json.writeName("b64_json");
					json.writeBinary(Json.BASE64, image, 0, image.length);
				}
				else {
					json.writeStringProperty("url", "http://127.0.0.1/_sim/url-answers-are-not-served.png");
				}
				if (model.id().equals("dall-e-3")) {
					json.writeStringProperty("revised_prompt", prompt);
				}
				json.writeEndObject();
			}
			json.writeEndArray();
			if (model.gptImage()) {
				json.writeStringProperty("background", "opaque");
				json.writeStringProperty("output_format", format);
				json.writeStringProperty("size", pixels[0] + "x" + pixels[1]);
				json.writeStringProperty("quality", quality);
				writeUsage(json, prompt, outputTokens(request));
			}
			json.writeEndObject();
		}
	}

	/** The output tokens an image answer to a GPT image request reports, for all its {@code n} images. */
	static int outputTokens(OpenAiSimulatorRequest request) {
		int[] pixels = dimensions(request);
		return OpenAiSimulatedModel.outputTokens(quality(request), pixels[0], pixels[1]) * request.n();
	}

	/** The input tokens an answer reports for a prompt. */
	static int inputTokens(String prompt) {
		return Math.max(1, prompt.split("\\s+").length * 4 / 3);
	}

	private static String quality(OpenAiSimulatorRequest request) {
		return request.quality() == null || "auto".equals(request.quality()) ? "medium" : request.quality();
	}

	private static void writeUsage(JsonGenerator json, String prompt, int outputTokens) {
		int input = inputTokens(prompt);
		json.writeName("usage");
		json.writeStartObject();
		json.writeNumberProperty("input_tokens", input);
		json.writeName("input_tokens_details");
		json.writeStartObject();
		json.writeNumberProperty("text_tokens", input);
		json.writeNumberProperty("image_tokens", 0);
		json.writeEndObject();
		json.writeNumberProperty("output_tokens", outputTokens);
		json.writeNumberProperty("total_tokens", input + outputTokens);
		json.writeEndObject();
	}

	private static int[] dimensions(OpenAiSimulatorRequest request) {
		String size = request.size() == null || "auto".equals(request.size()) ? "1024x1024" : request.size();
		String[] parts = size.split("x");
		try {
			return new int[] { Integer.parseInt(parts[0]), Integer.parseInt(parts[1]) };
		}
		catch (RuntimeException ex) {
			return new int[] { 1024, 1024 };
		}
	}

	/** The size class of a pixel size, for the latency model and realistic body sizes. */
	private static ImageSize sizeOf(int width, int height) {
		int edge = Math.max(width, height);
		return edge <= 640 ? ImageSize.S512 : edge <= 1800 ? ImageSize.K1 : edge <= 3000 ? ImageSize.K2 : ImageSize.K4;
	}

	private static long created() {
		return System.currentTimeMillis() / 1000;
	}

	private static @Nullable String bearer(HttpExchange exchange) {
		String header = exchange.getRequestHeaders().getFirst("Authorization");
		return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
	}

	private static Reply invalidValue(String param, String message) {
		return new Reply(400, OpenAiErrorBodies.error(message, "invalid_request_error", param, "invalid_value"));
	}

	private static Reply unknownParameter(String param) {
		return new Reply(400, OpenAiErrorBodies.error("Unknown parameter: '" + param + "'.", "invalid_request_error",
				param, "unknown_parameter"));
	}

}
