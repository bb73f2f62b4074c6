package com.catalogimage.simulator;

import java.io.InputStream;

import com.catalogimage.provider.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The fields of an {@code images/generations} request the simulator acts on. Absent fields are null, so validation can
 * tell "not sent" from "sent with a default value" (GPT image models reject {@code response_format} even when valid).
 */
record OpenAiSimulatorRequest(String model, String prompt, int n, @Nullable String size, @Nullable String quality,
		@Nullable String outputFormat, @Nullable String responseFormat) {

	static OpenAiSimulatorRequest parse(InputStream body) {
		String model = "dall-e-2";
		String prompt = null;
		int n = 1;
		String size = null;
		String quality = null;
		String outputFormat = null;
		String responseFormat = null;
		try (JsonParser parser = Json.FACTORY.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalArgumentException("We could not parse the JSON body of your request.");
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String key = parser.currentName();
				parser.nextToken();
				switch (key) {
					case "model" -> model = String.valueOf(Json.text(parser));
					case "prompt" -> prompt = Json.text(parser);
					case "n" -> n = (int) Json.longValue(parser);
					case "size" -> size = Json.text(parser);
					case "quality" -> quality = Json.text(parser);
					case "output_format" -> outputFormat = Json.text(parser);
					case "response_format" -> responseFormat = Json.text(parser);
					default -> Json.skip(parser);
				}
			}
		}
		if (prompt == null || prompt.isBlank()) {
			throw new IllegalArgumentException("Missing required parameter: 'prompt'.");
		}
		return new OpenAiSimulatorRequest(model, prompt.trim(), n, size, quality, outputFormat, responseFormat);
	}

}
