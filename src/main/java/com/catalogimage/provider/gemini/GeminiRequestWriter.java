package com.catalogimage.provider.gemini;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;

import com.catalogimage.image.ImageSize;
import com.catalogimage.json.Json;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.image.ImageFormat;
import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.ReferenceImage;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a {@code generateContent} request body: the prompt, reference images as {@code inlineData} parts streamed
 * from disk, and {@code generationConfig.imageConfig}. {@code candidateCount} is pinned to 1 because every extra
 * candidate is billed. The synchronous call sends it as its body, and a batch sends the same object as a JSONL line's
 * {@code request}.
 */
final class GeminiRequestWriter {

	/** gemini-2.5-flash-image knows only 1K and may reject an explicit imageSize. */
	private static final String ONE_K_ONLY_MODEL = "gemini-2.5-flash-image";

	/** Gemini's limit on a whole inline request, reference images included. */
	static final long MAX_REQUEST_BYTES = 20L * 1024 * 1024;

	private GeminiRequestWriter() {
	}

	static void write(ImageRequest request, OutputStream out) throws IOException {
		try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
			write(request, json);
		}
	}

	/** Writes the request object as the generator's next value. */
	static void write(ImageRequest request, JsonGenerator json) throws IOException {
		json.writeStartObject();
		json.writeName("contents");
		json.writeStartArray();
		json.writeStartObject();
		json.writeStringProperty("role", "user");
		json.writeName("parts");
		json.writeStartArray();
		json.writeStartObject();
		json.writeStringProperty("text", request.prompt());
		json.writeEndObject();
		for (ReferenceImage reference : request.referenceImages()) {
			writeInlineData(json, reference);
		}
		json.writeEndArray();
		json.writeEndObject();
		json.writeEndArray();
		json.writeName("generationConfig");
		json.writeStartObject();
		json.writeName("responseModalities");
		json.writeStartArray();
		json.writeString("IMAGE");
		json.writeEndArray();
		json.writeNumberProperty("candidateCount", 1);
		json.writeName("imageConfig");
		json.writeStartObject();
		json.writeStringProperty("aspectRatio", request.aspectRatio());
		if (!(request.model().startsWith(ONE_K_ONLY_MODEL) && request.size() == ImageSize.K1)) {
			json.writeStringProperty("imageSize", request.size().wire());
		}
		json.writeEndObject();
		json.writeEndObject();
		json.writeEndObject();
	}

	/**
	 * Every reference must still be a readable image, and their base64 alone must leave room under the request limit;
	 * both are decided before anything is written or sent.
	 */
	static void checkReferences(ImageRequest request) {
		long base64 = 0;
		for (ReferenceImage reference : request.referenceImages()) {
			String name = reference.file().getFileName().toString();
			if (ImageFormat.fromMimeType(reference.mimeType()).isEmpty()) {
				throw new ItemFailure("reference-not-an-image",
						"reference image " + name + " is missing, unreadable or not a PNG, JPEG or WebP image");
			}
			try {
				base64 += (Files.size(reference.file()) + 2) / 3 * 4;
			}
			catch (IOException ex) {
				throw new ItemFailure("reference-unreadable", "cannot read reference image " + name);
			}
		}
		if (base64 > MAX_REQUEST_BYTES) {
			throw tooLarge(base64);
		}
	}

	static ItemFailure tooLarge(long bytes) {
		return new ItemFailure("request-too-large", "the request with its reference images would be about "
				+ (bytes + 524_288) / 1_048_576 + " MB; Gemini accepts at most 20 MB per request");
	}

	private static void writeInlineData(JsonGenerator json, ReferenceImage reference) throws IOException {
		json.writeStartObject();
		json.writeName("inlineData");
		json.writeStartObject();
		json.writeStringProperty("mimeType", reference.mimeType());
		json.writeName("data");
		try (InputStream in = Files.newInputStream(reference.file())) {
			json.writeBinary(Json.BASE64, in, (int) Files.size(reference.file()));
		}
		json.writeEndObject();
		json.writeEndObject();
	}

}
