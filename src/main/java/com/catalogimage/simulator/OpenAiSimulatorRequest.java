package com.catalogimage.simulator;

import java.io.InputStream;

import com.catalogimage.json.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The fields of an {@code images/generations} request the simulator acts on. Absent fields are null, so validation can
 * tell "not sent" from "sent with a default value" (GPT image models reject {@code response_format} even when valid).
 *
 * @param promptLength the prompt's length in characters as sent (code points, as the API counts them), before trimming
 */
record OpenAiSimulatorRequest(String model, String prompt, int promptLength, int n, @Nullable String size,
		@Nullable String quality, @Nullable String outputFormat, @Nullable String responseFormat) {

	static OpenAiSimulatorRequest parse(InputStream body) {
		try (JsonParser parser = Json.FACTORY.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalArgumentException("We could not parse the JSON body of your request.");
			}
			return read(parser);
		}
	}

	/**
	 * Reads the request object the parser is on (a body, or the {@code body} of a batch line).
	 *
	 * @throws IllegalArgumentException when the prompt is missing, with the API's message
	 */
	static OpenAiSimulatorRequest read(JsonParser parser) {
		Reader reader = new Reader();
		// names as sent: the real API knows output_format, not outputFormat
		Json.fieldsAsSent(parser, key -> reader.field(parser, key));
		String prompt = reader.prompt;
		if (prompt == null || prompt.isBlank()) {
			throw new IllegalArgumentException("Missing required parameter: 'prompt'.");
		}
		return new OpenAiSimulatorRequest(reader.model, prompt.trim(), prompt.codePointCount(0, prompt.length()),
				reader.n, reader.size, reader.quality, reader.outputFormat, reader.responseFormat);
	}

	private static final class Reader {

		String model = "dall-e-2";

		@Nullable String prompt;

		int n = 1;

		@Nullable String size;

		@Nullable String quality;

		@Nullable String outputFormat;

		@Nullable String responseFormat;

		void field(JsonParser parser, String key) {
			switch (key) {
				case "model" -> this.model = String.valueOf(Json.text(parser));
				case "prompt" -> this.prompt = Json.text(parser);
				case "n" -> this.n = (int) Json.longValue(parser);
				case "size" -> this.size = Json.text(parser);
				case "quality" -> this.quality = Json.text(parser);
				case "output_format" -> this.outputFormat = Json.text(parser);
				case "response_format" -> this.responseFormat = Json.text(parser);
				default -> Json.skip(parser);
			}
		}

	}

}
