package com.catalogimage.provider.gemini;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.catalogimage.json.Json;
import com.catalogimage.provider.ImageFileSink;
import com.catalogimage.provider.ImageFiles;
import com.catalogimage.provider.TokenUsage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads a {@code generateContent} answer with the streaming parser. Each {@code inlineData.data} value is decoded from
 * base64 straight into a file as it arrives; the result is the last image part that is not a {@code "thought": true}
 * draft (Pro models send up to two drafts first). When no other image arrived, the last draft is the result: one
 * report has gemini-3-pro-image-preview flag its billed final image as a thought, and another call would be paid for
 * again and likely answer the same. Field names are accepted in camelCase and snake_case.
 */
final class GeminiResponseReader {

	private final ImageFiles files;

	private @Nullable ImageFileSink image;

	/** The last thought image, kept only while no final image has arrived. */
	private @Nullable ImageFileSink lastThought;

	private @Nullable String finishReason;

	private @Nullable String blockReason;

	private @Nullable TokenUsage usage;

	private GeminiResponseReader(ImageFiles files) {
		this.files = files;
	}

	static GeminiAnswer read(InputStream body, ImageFiles files) throws IOException {
		try (JsonParser parser = Json.FACTORY.createParser(body)) {
			Json.requireObject(parser);
			return read(parser, files);
		}
	}

	/**
	 * Reads the response object the parser is on (a batch result line's {@code response}), consuming it; a value that
	 * is not an object reads as an empty answer.
	 */
	static GeminiAnswer read(JsonParser parser, ImageFiles files) throws IOException {
		GeminiResponseReader reader = new GeminiResponseReader(files);
		try {
			reader.readResponse(parser);
		}
		catch (IOException | RuntimeException ex) {
			if (reader.image != null) {
				reader.image.discard();
			}
			if (reader.lastThought != null) {
				reader.lastThought.discard();
			}
			throw ex;
		}
		if (reader.image == null && reader.lastThought != null) {
			return new GeminiAnswer(reader.lastThought, true, reader.finishReason, reader.blockReason, reader.usage);
		}
		if (reader.lastThought != null) {
			reader.lastThought.discard();
		}
		return new GeminiAnswer(reader.image, false, reader.finishReason, reader.blockReason, reader.usage);
	}

	private void readResponse(JsonParser parser) throws IOException {
		Json.fields(parser, key -> {
			switch (key) {
				case "candidates" -> Json.firstElement(parser, () -> readCandidate(parser));
				case "promptfeedback" -> readPromptFeedback(parser);
				case "usagemetadata" -> readUsage(parser);
				default -> Json.skip(parser);
			}
		});
	}

	private void readCandidate(JsonParser parser) throws IOException {
		Json.fields(parser, key -> {
			switch (key) {
				case "content" -> readContent(parser);
				case "finishreason" -> this.finishReason = Json.text(parser);
				default -> Json.skip(parser);
			}
		});
	}

	private void readContent(JsonParser parser) throws IOException {
		Json.fields(parser, key -> {
			if (key.equals("parts")) {
				Json.elements(parser, () -> readPart(parser));
			}
			else {
				Json.skip(parser);
			}
		});
	}

	/**
	 * A part's image replaces the one kept so far. A thought draft replaces only the last draft, and is deleted once a
	 * final image has arrived: a draft is the result only of an answer that has no other image.
	 */
	private void readPart(JsonParser parser) throws IOException {
		Part part = new Part();
		part.read(parser);
		ImageFileSink partImage = part.image;
		if (partImage == null) {
			return;
		}
		if (part.thought) {
			if (this.image != null) {
				partImage.discard();
				return;
			}
			if (this.lastThought != null) {
				this.lastThought.discard();
			}
			this.lastThought = partImage;
			return;
		}
		if (this.image != null) {
			this.image.discard();
		}
		if (this.lastThought != null) {
			this.lastThought.discard();
			this.lastThought = null;
		}
		this.image = partImage;
	}

	private void readPromptFeedback(JsonParser parser) {
		Json.fields(parser, key -> {
			if (key.equals("blockreason")) {
				this.blockReason = Json.text(parser);
			}
			else {
				Json.skip(parser);
			}
		});
	}

	/** A {@code usageMetadata} that is not an object leaves the usage read so far as it was. */
	private void readUsage(JsonParser parser) {
		UsageMetadata metadata = new UsageMetadata();
		if (Json.fields(parser, key -> metadata.read(parser, key))) {
			this.usage = metadata.tokenUsage();
		}
	}

	/** One element of {@code parts}: the last image its {@code inlineData} carried, and whether it is a draft. */
	private final class Part {

		private @Nullable ImageFileSink image;

		private boolean thought;

		void read(JsonParser parser) throws IOException {
			try {
				Json.fields(parser, key -> {
					switch (key) {
						case "inlinedata" -> readInlineData(parser);
						case "thought" -> this.thought = parser.currentToken() == JsonToken.VALUE_TRUE;
						default -> Json.skip(parser);
					}
				});
			}
			catch (IOException | RuntimeException ex) {
				// the caller never gets this part, so nothing else would delete its file
				if (this.image != null) {
					this.image.discard();
				}
				throw ex;
			}
		}

		private void readInlineData(JsonParser parser) throws IOException {
			Json.fields(parser, key -> {
				if (key.equals("data") && parser.currentToken() == JsonToken.VALUE_STRING) {
					ImageFileSink decoded = ImageFileSink.decode(parser, GeminiResponseReader.this.files);
					if (this.image != null) {
						this.image.discard();
					}
					this.image = decoded;
				}
				else {
					Json.skip(parser);
				}
			});
		}

	}

	/** The counts of one {@code usageMetadata} object. */
	private static final class UsageMetadata {

		private long prompt;

		private long candidates;

		private long thoughts;

		/** -1 until a per-modality breakdown is read. */
		private long imageTokens = -1;

		void read(JsonParser parser, String key) {
			switch (key) {
				case "prompttokencount" -> this.prompt = Json.longValue(parser);
				case "candidatestokencount" -> this.candidates = Json.longValue(parser);
				case "thoughtstokencount" -> this.thoughts = Json.longValue(parser);
				case "candidatestokensdetails" -> this.imageTokens = imageTokens(parser);
				default -> Json.skip(parser);
			}
		}

		TokenUsage tokenUsage() {
			// Without a per-modality breakdown, an image answer's candidate tokens are image tokens.
			long image = this.imageTokens >= 0 ? this.imageTokens : this.candidates;
			return new TokenUsage(this.prompt, image, Math.max(0, this.candidates - image), this.thoughts);
		}

		/** The IMAGE entries' token counts summed, or -1 when the breakdown is not a list. */
		private static long imageTokens(JsonParser parser) {
			List<ModalityTokenCount> details = new ArrayList<>();
			if (!Json.elements(parser, () -> details.add(ModalityTokenCount.read(parser)))) {
				return -1;
			}
			long total = 0;
			for (ModalityTokenCount detail : details) {
				if ("IMAGE".equals(detail.modality)) {
					total += detail.tokenCount;
				}
			}
			return total;
		}

	}

	/** One {@code candidatesTokensDetails} entry; its fields may come in either order. */
	private static final class ModalityTokenCount {

		private @Nullable String modality;

		private long tokenCount;

		static ModalityTokenCount read(JsonParser parser) {
			ModalityTokenCount entry = new ModalityTokenCount();
			Json.fields(parser, key -> {
				switch (key) {
					case "modality" -> entry.modality = Json.text(parser);
					case "tokencount" -> entry.tokenCount = Json.longValue(parser);
					default -> Json.skip(parser);
				}
			});
			return entry;
		}

	}

}
