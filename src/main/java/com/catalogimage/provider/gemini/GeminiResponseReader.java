package com.catalogimage.provider.gemini;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import com.catalogimage.provider.ImageFileSink;
import com.catalogimage.provider.Json;
import com.catalogimage.provider.TokenUsage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;

/**
 * Reads a {@code generateContent} answer with the streaming parser. Each {@code inlineData.data} value is decoded from
 * base64 straight into a file as it arrives; the result is the last image part that is not a {@code "thought": true}
 * draft (Pro models send up to two drafts first). Field names are accepted in camelCase and snake_case.
 */
final class GeminiResponseReader {

	private final Path workDirectory;

	private @Nullable ImageFileSink image;

	private @Nullable String finishReason;

	private @Nullable String blockReason;

	private @Nullable TokenUsage usage;

	private GeminiResponseReader(Path workDirectory) {
		this.workDirectory = workDirectory;
	}

	static GeminiAnswer read(InputStream body, Path workDirectory) throws IOException {
		GeminiResponseReader reader = new GeminiResponseReader(workDirectory);
		try (JsonParser parser = Json.FACTORY.createParser(body)) {
			reader.readRoot(parser);
		}
		catch (IOException | RuntimeException ex) {
			if (reader.image != null) {
				reader.image.discard();
			}
			throw ex;
		}
		return new GeminiAnswer(reader.image, reader.finishReason, reader.blockReason, reader.usage);
	}

	private void readRoot(JsonParser parser) throws IOException {
		expect(parser, JsonToken.START_OBJECT);
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String key = Json.key(parser);
			parser.nextToken();
			switch (key) {
				case "candidates" -> readCandidates(parser);
				case "promptfeedback" -> readPromptFeedback(parser);
				case "usagemetadata" -> readUsage(parser);
				default -> Json.skip(parser);
			}
		}
	}

	private void readCandidates(JsonParser parser) throws IOException {
		if (parser.currentToken() != JsonToken.START_ARRAY) {
			Json.skip(parser);
			return;
		}
		boolean first = true;
		while (parser.nextToken() == JsonToken.START_OBJECT) {
			if (first) {
				readCandidate(parser);
				first = false;
			}
			else {
				parser.skipChildren();
			}
		}
	}

	private void readCandidate(JsonParser parser) throws IOException {
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String key = Json.key(parser);
			parser.nextToken();
			switch (key) {
				case "content" -> readContent(parser);
				case "finishreason" -> this.finishReason = Json.text(parser);
				default -> Json.skip(parser);
			}
		}
	}

	private void readContent(JsonParser parser) throws IOException {
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			Json.skip(parser);
			return;
		}
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String key = Json.key(parser);
			parser.nextToken();
			if (key.equals("parts") && parser.currentToken() == JsonToken.START_ARRAY) {
				while (parser.nextToken() == JsonToken.START_OBJECT) {
					readPart(parser);
				}
			}
			else {
				Json.skip(parser);
			}
		}
	}

	private void readPart(JsonParser parser) throws IOException {
		ImageFileSink partImage = null;
		boolean thought = false;
		try {
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String key = Json.key(parser);
				parser.nextToken();
				switch (key) {
					case "inlinedata" -> {
						ImageFileSink decoded = readInlineData(parser);
						if (decoded != null) {
							if (partImage != null) {
								partImage.discard();
							}
							partImage = decoded;
						}
					}
					case "thought" -> thought = parser.currentToken() == JsonToken.VALUE_TRUE;
					default -> Json.skip(parser);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			if (partImage != null) {
				partImage.discard();
			}
			throw ex;
		}
		if (partImage == null) {
			return;
		}
		if (thought) {
			partImage.discard();
			return;
		}
		if (this.image != null) {
			this.image.discard();
		}
		this.image = partImage;
	}

	private @Nullable ImageFileSink readInlineData(JsonParser parser) throws IOException {
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			Json.skip(parser);
			return null;
		}
		ImageFileSink sink = null;
		try {
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String key = Json.key(parser);
				parser.nextToken();
				if (key.equals("data") && parser.currentToken() == JsonToken.VALUE_STRING) {
					if (sink != null) {
						sink.discard();
					}
					sink = ImageFileSink.create(this.workDirectory);
					parser.readBinaryValue(Json.BASE64, sink);
					sink.close();
				}
				else {
					Json.skip(parser);
				}
			}
			return sink;
		}
		catch (IOException | RuntimeException ex) {
			if (sink != null) {
				sink.discard();
			}
			throw ex;
		}
	}

	private void readPromptFeedback(JsonParser parser) {
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			Json.skip(parser);
			return;
		}
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String key = Json.key(parser);
			parser.nextToken();
			if (key.equals("blockreason")) {
				this.blockReason = Json.text(parser);
			}
			else {
				Json.skip(parser);
			}
		}
	}

	private void readUsage(JsonParser parser) {
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			Json.skip(parser);
			return;
		}
		long prompt = 0;
		long candidates = 0;
		long thoughts = 0;
		long imageTokens = -1;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String key = Json.key(parser);
			parser.nextToken();
			switch (key) {
				case "prompttokencount" -> prompt = Json.longValue(parser);
				case "candidatestokencount" -> candidates = Json.longValue(parser);
				case "thoughtstokencount" -> thoughts = Json.longValue(parser);
				case "candidatestokensdetails" -> imageTokens = imageTokens(parser);
				default -> Json.skip(parser);
			}
		}
		// Without a per-modality breakdown, an image answer's candidate tokens are image tokens.
		long image = imageTokens >= 0 ? imageTokens : candidates;
		this.usage = new TokenUsage(prompt, image, Math.max(0, candidates - image), thoughts);
	}

	private static long imageTokens(JsonParser parser) {
		if (parser.currentToken() != JsonToken.START_ARRAY) {
			Json.skip(parser);
			return -1;
		}
		long total = 0;
		while (parser.nextToken() == JsonToken.START_OBJECT) {
			String modality = null;
			long count = 0;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String key = Json.key(parser);
				parser.nextToken();
				switch (key) {
					case "modality" -> modality = Json.text(parser);
					case "tokencount" -> count = Json.longValue(parser);
					default -> Json.skip(parser);
				}
			}
			if ("IMAGE".equals(modality)) {
				total += count;
			}
		}
		return total;
	}

	private static void expect(JsonParser parser, JsonToken expected) {
		JsonToken actual = parser.nextToken();
		if (actual != expected) {
			throw new StreamReadException(parser, "expected " + expected + " but found " + actual);
		}
	}

}
