package com.catalogimage.provider.gemini;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;

import com.catalogimage.image.ImageSize;
import com.catalogimage.json.Json;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ReferenceImage;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a {@code generateContent} request body: the prompt, reference images as {@code inlineData} parts streamed
 * from disk, and {@code generationConfig.imageConfig}. {@code candidateCount} is pinned to 1 because every extra
 * candidate is billed.
 */
final class GeminiRequestWriter {

	/** gemini-2.5-flash-image knows only 1K and may reject an explicit imageSize. */
	private static final String ONE_K_ONLY_MODEL = "gemini-2.5-flash-image";

	private GeminiRequestWriter() {
	}

	static void write(ImageRequest request, OutputStream out) throws IOException {
		try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
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
