package com.catalogimage.simulator;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.catalogimage.json.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The fields of a {@code generateContent} request the simulator acts on, read in either camelCase or snake_case as
 * the real API does. Reference image data is skipped without being buffered.
 *
 * @param responseModalities {@code generationConfig.responseModalities} as sent; empty when not sent
 */
record GeminiSimulatorRequest(String prompt, @Nullable String aspectRatio, @Nullable String imageSize,
		int referenceImages, int candidateCount, List<String> responseModalities) {

	/**
	 * Whether the answer may carry a text part: when TEXT is asked for, or nothing is (image models then answer text
	 * and image, per Google's image-generation guide). With {@code ["IMAGE"]} the real models send the image alone.
	 */
	boolean wantsText() {
		return this.responseModalities.isEmpty() || this.responseModalities.contains("TEXT");
	}

	static GeminiSimulatorRequest parse(InputStream body) {
		try (JsonParser parser = Json.FACTORY.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalArgumentException("Invalid JSON payload received. Expected an object.");
			}
			return read(parser);
		}
	}

	/** Reads the request object the parser is on (a body, or the {@code request} of a batch line). */
	static GeminiSimulatorRequest read(JsonParser parser) {
		Reader reader = new Reader();
		Json.fields(parser, key -> {
			switch (key) {
				case "contents" -> Json.elements(parser, () -> reader.content(parser));
				case "generationconfig" -> reader.generationConfig(parser);
				default -> Json.skip(parser);
			}
		});
		return new GeminiSimulatorRequest(reader.prompt.toString().trim(), reader.aspectRatio, reader.imageSize,
				reader.references, reader.candidateCount, List.copyOf(reader.modalities));
	}

	private static final class Reader {

		final StringBuilder prompt = new StringBuilder();

		@Nullable String aspectRatio;

		@Nullable String imageSize;

		int references;

		int candidateCount = 1;

		final List<String> modalities = new ArrayList<>();

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
					case "responsemodalities" -> modalities(parser);
					case "imageconfig" -> imageConfig(parser);
					default -> Json.skip(parser);
				}
			});
		}

		private void modalities(JsonParser parser) {
			if (parser.currentToken() != JsonToken.START_ARRAY) {
				Json.skip(parser);
				return;
			}
			JsonToken token = parser.nextToken();
			while (token != null && token != JsonToken.END_ARRAY) {
				String modality = Json.text(parser);
				if (modality != null) {
					this.modalities.add(modality);
				}
				token = parser.nextToken();
			}
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
