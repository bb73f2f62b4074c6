package com.catalogimage.provider.openai;

import java.io.IOException;
import java.io.InputStream;

import com.catalogimage.json.Json;
import com.catalogimage.provider.ImageFileSink;
import com.catalogimage.provider.ImageFiles;
import com.catalogimage.provider.TokenUsage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads an {@code images/generations} answer with the streaming parser: {@code data[0].b64_json} is decoded from base64
 * straight into a file while the body arrives, and {@code usage} is kept. Further {@code data} entries (never asked
 * for: n is 1) are skipped without decoding. An {@code error} object (the body of a batch line that failed) is kept as
 * text for the error classifier.
 */
final class OpenAiResponseReader {

	/** An error object is a few hundred characters; more is not kept. */
	private static final int MAX_ERROR_CHARS = 64 * 1024;

	private final ImageFiles files;

	private @Nullable ImageFileSink image;

	private boolean url;

	private @Nullable TokenUsage usage;

	private @Nullable String error;

	private OpenAiResponseReader(ImageFiles files) {
		this.files = files;
	}

	static OpenAiAnswer read(InputStream body, ImageFiles files) throws IOException {
		try (JsonParser parser = Json.FACTORY.createParser(body)) {
			Json.requireObject(parser);
			return read(parser, files);
		}
	}

	/**
	 * Reads the body object the parser is on (a batch result line's {@code response.body}), consuming it; a value that
	 * is not an object reads as an empty answer.
	 */
	static OpenAiAnswer read(JsonParser parser, ImageFiles files) throws IOException {
		OpenAiResponseReader reader = new OpenAiResponseReader(files);
		try {
			reader.readBody(parser);
		}
		catch (IOException | RuntimeException ex) {
			if (reader.image != null) {
				reader.image.discard();
			}
			throw ex;
		}
		return new OpenAiAnswer(reader.image, reader.image == null && reader.url, reader.usage, reader.error);
	}

	private void readBody(JsonParser parser) throws IOException {
		Json.fields(parser, key -> {
			switch (key) {
				case "data" -> Json.firstElement(parser, () -> readImage(parser));
				case "usage" -> this.usage = readUsage(parser);
				case "error" -> this.error = "{\"error\":" + Json.copy(parser, MAX_ERROR_CHARS) + "}";
				default -> Json.skip(parser);
			}
		});
	}

	private void readImage(JsonParser parser) throws IOException {
		Json.fields(parser, key -> {
			if (key.equals("b64json") && parser.currentToken() == JsonToken.VALUE_STRING) {
				ImageFileSink decoded = ImageFileSink.decode(parser, this.files);
				if (this.image != null) {
					this.image.discard();
				}
				this.image = decoded;
			}
			else if (key.equals("url") && parser.currentToken() == JsonToken.VALUE_STRING) {
				this.url = true;
			}
			else {
				Json.skip(parser);
			}
		});
	}

	/** Null when {@code usage} is not an object (dall-e models send none). */
	private static @Nullable TokenUsage readUsage(JsonParser parser) {
		Usage usage = new Usage();
		return Json.fields(parser, key -> usage.read(parser, key)) ? usage.tokenUsage() : null;
	}

	/** The counts of one {@code usage} object; the output breakdown's counts stay -1 when it does not give them. */
	private static final class Usage {

		private long input;

		private long output;

		private long outputImage = -1;

		private long outputText = -1;

		void read(JsonParser parser, String key) {
			switch (key) {
				case "inputtokens" -> this.input = Json.longValue(parser);
				case "outputtokens" -> this.output = Json.longValue(parser);
				case "outputtokensdetails" -> readOutputDetails(parser);
				default -> Json.skip(parser);
			}
		}

		private void readOutputDetails(JsonParser parser) {
			// a repeated breakdown replaces the earlier one entirely
			this.outputImage = -1;
			this.outputText = -1;
			Json.fields(parser, key -> {
				switch (key) {
					case "imagetokens" -> this.outputImage = Json.longValue(parser);
					case "texttokens" -> this.outputText = Json.longValue(parser);
					default -> Json.skip(parser);
				}
			});
		}

		TokenUsage tokenUsage() {
			// Without a breakdown every output token of an image call is an image token.
			long image = this.outputImage >= 0 ? this.outputImage : this.output;
			long text = this.outputText >= 0 ? this.outputText : Math.max(0, this.output - image);
			return new TokenUsage(this.input, image, text, 0);
		}

	}

}
