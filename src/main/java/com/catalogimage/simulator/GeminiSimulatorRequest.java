package com.catalogimage.simulator;

import java.io.InputStream;

import com.catalogimage.provider.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The fields of a {@code generateContent} request the simulator acts on, read in either camelCase or snake_case as
 * the real API does. Reference image data is skipped without being buffered.
 */
record GeminiSimulatorRequest(String prompt, @Nullable String aspectRatio, @Nullable String imageSize,
		int referenceImages, int candidateCount) {

	static GeminiSimulatorRequest parse(InputStream body) {
		Reader reader = new Reader();
		try (JsonParser parser = Json.FACTORY.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalArgumentException("Invalid JSON payload received. Expected an object.");
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String key = Json.key(parser);
				parser.nextToken();
				switch (key) {
					case "contents" -> reader.contents(parser);
					case "generationconfig" -> reader.generationConfig(parser);
					default -> Json.skip(parser);
				}
			}
		}
		return new GeminiSimulatorRequest(reader.prompt.toString().trim(), reader.aspectRatio, reader.imageSize,
				reader.references, reader.candidateCount);
	}

	private static final class Reader {

		final StringBuilder prompt = new StringBuilder();

		@Nullable String aspectRatio;

		@Nullable String imageSize;

		int references;

		int candidateCount = 1;

		void contents(JsonParser parser) {
			if (parser.currentToken() != JsonToken.START_ARRAY) {
				Json.skip(parser);
				return;
			}
			while (parser.nextToken() == JsonToken.START_OBJECT) {
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String key = Json.key(parser);
					parser.nextToken();
					if (key.equals("parts") && parser.currentToken() == JsonToken.START_ARRAY) {
						while (parser.nextToken() == JsonToken.START_OBJECT) {
							part(parser);
						}
					}
					else {
						Json.skip(parser);
					}
				}
			}
		}

		private void part(JsonParser parser) {
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String key = Json.key(parser);
				parser.nextToken();
				if (key.equals("text")) {
					this.prompt.append(Json.text(parser)).append(' ');
				}
				else if (key.equals("inlinedata")) {
					this.references++;
					Json.skip(parser);
				}
				else {
					Json.skip(parser);
				}
			}
		}

		void generationConfig(JsonParser parser) {
			if (parser.currentToken() != JsonToken.START_OBJECT) {
				Json.skip(parser);
				return;
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String key = Json.key(parser);
				parser.nextToken();
				switch (key) {
					case "candidatecount" -> this.candidateCount = (int) Json.longValue(parser);
					case "imageconfig" -> imageConfig(parser);
					default -> Json.skip(parser);
				}
			}
		}

		private void imageConfig(JsonParser parser) {
			if (parser.currentToken() != JsonToken.START_OBJECT) {
				Json.skip(parser);
				return;
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String key = Json.key(parser);
				parser.nextToken();
				switch (key) {
					case "aspectratio" -> this.aspectRatio = Json.text(parser);
					case "imagesize" -> this.imageSize = Json.text(parser);
					default -> Json.skip(parser);
				}
			}
		}

	}

}
