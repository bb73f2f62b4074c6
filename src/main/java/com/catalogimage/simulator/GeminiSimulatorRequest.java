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
			Json.fields(parser, key -> {
				switch (key) {
					case "contents" -> Json.elements(parser, () -> reader.content(parser));
					case "generationconfig" -> reader.generationConfig(parser);
					default -> Json.skip(parser);
				}
			});
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

		void content(JsonParser parser) {
			Json.fields(parser, key -> {
				if (key.equals("parts")) {
					Json.elements(parser, () -> part(parser));
				}
				else {
					Json.skip(parser);
				}
			});
		}

		private void part(JsonParser parser) {
			Json.fields(parser, key -> {
				switch (key) {
					case "text" -> this.prompt.append(Json.text(parser)).append(' ');
					case "inlinedata" -> {
						// a reference image: counted, its data skipped unbuffered
						this.references++;
						Json.skip(parser);
					}
					default -> Json.skip(parser);
				}
			});
		}

		void generationConfig(JsonParser parser) {
			Json.fields(parser, key -> {
				switch (key) {
					case "candidatecount" -> this.candidateCount = (int) Json.longValue(parser);
					case "imageconfig" -> imageConfig(parser);
					default -> Json.skip(parser);
				}
			});
		}

		private void imageConfig(JsonParser parser) {
			Json.fields(parser, key -> {
				switch (key) {
					case "aspectratio" -> this.aspectRatio = Json.text(parser);
					case "imagesize" -> this.imageSize = Json.text(parser);
					default -> Json.skip(parser);
				}
			});
		}

	}

}
