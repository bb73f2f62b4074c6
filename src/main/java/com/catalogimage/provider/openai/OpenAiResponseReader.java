package com.catalogimage.provider.openai;

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
 * Reads an {@code images/generations} answer with the streaming parser: {@code data[0].b64_json} is decoded from base64
 * straight into a file while the body arrives, and {@code usage} is kept. Further {@code data} entries (never asked
 * for: n is 1) are skipped without decoding.
 */
final class OpenAiResponseReader {

	private final Path workDirectory;

	private @Nullable ImageFileSink image;

	private boolean url;

	private @Nullable TokenUsage usage;

	private OpenAiResponseReader(Path workDirectory) {
		this.workDirectory = workDirectory;
	}

	static OpenAiAnswer read(InputStream body, Path workDirectory) throws IOException {
		OpenAiResponseReader reader = new OpenAiResponseReader(workDirectory);
		try (JsonParser parser = Json.FACTORY.createParser(body)) {
			reader.readRoot(parser);
		}
		catch (IOException | RuntimeException ex) {
			if (reader.image != null) {
				reader.image.discard();
			}
			throw ex;
		}
		return new OpenAiAnswer(reader.image, reader.image == null && reader.url, reader.usage);
	}

	private void readRoot(JsonParser parser) throws IOException {
		JsonToken first = parser.nextToken();
		if (first != JsonToken.START_OBJECT) {
			throw new StreamReadException(parser, "expected an object but found " + first);
		}
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String key = Json.key(parser);
			parser.nextToken();
			switch (key) {
				case "data" -> readData(parser);
				case "usage" -> this.usage = readUsage(parser);
				default -> Json.skip(parser);
			}
		}
	}

	private void readData(JsonParser parser) throws IOException {
		if (parser.currentToken() != JsonToken.START_ARRAY) {
			Json.skip(parser);
			return;
		}
		boolean first = true;
		while (parser.nextToken() == JsonToken.START_OBJECT) {
			if (first) {
				readImage(parser);
				first = false;
			}
			else {
				parser.skipChildren();
			}
		}
	}

	private void readImage(JsonParser parser) throws IOException {
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String key = Json.key(parser);
			parser.nextToken();
			if (key.equals("b64json") && parser.currentToken() == JsonToken.VALUE_STRING) {
				if (this.image != null) {
					this.image.discard();
				}
				this.image = ImageFileSink.create(this.workDirectory);
				parser.readBinaryValue(Json.BASE64, this.image);
				this.image.close();
			}
			else if (key.equals("url") && parser.currentToken() == JsonToken.VALUE_STRING) {
				this.url = true;
			}
			else {
				Json.skip(parser);
			}
		}
	}

	private static @Nullable TokenUsage readUsage(JsonParser parser) {
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			Json.skip(parser);
			return null;
		}
		long input = 0;
		long output = 0;
		long[] outputDetails = { -1, -1 };
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String key = Json.key(parser);
			parser.nextToken();
			switch (key) {
				case "inputtokens" -> input = Json.longValue(parser);
				case "outputtokens" -> output = Json.longValue(parser);
				case "outputtokensdetails" -> outputDetails = imageAndTextTokens(parser);
				default -> Json.skip(parser);
			}
		}
		// Without a breakdown every output token of an image call is an image token.
		long image = outputDetails[0] >= 0 ? outputDetails[0] : output;
		long text = outputDetails[1] >= 0 ? outputDetails[1] : Math.max(0, output - image);
		return new TokenUsage(input, image, text, 0);
	}

	private static long[] imageAndTextTokens(JsonParser parser) {
		long[] counts = { -1, -1 };
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			Json.skip(parser);
			return counts;
		}
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String key = Json.key(parser);
			parser.nextToken();
			switch (key) {
				case "imagetokens" -> counts[0] = Json.longValue(parser);
				case "texttokens" -> counts[1] = Json.longValue(parser);
				default -> Json.skip(parser);
			}
		}
		return counts;
	}

}
