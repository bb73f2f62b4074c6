package com.catalogimage.provider.openai;

import java.io.ByteArrayOutputStream;

import com.catalogimage.json.Json;
import com.catalogimage.provider.ImageRequest;
import tools.jackson.core.JsonGenerator;

/**
 * Writes an {@code images/generations} request body. {@code n} is pinned to 1 (every image is billed), and the image
 * always comes back inline: {@code response_format=b64_json} for models that take it, {@code output_format} for GPT
 * image models, which always answer in base64 and reject {@code response_format}.
 */
final class OpenAiRequestWriter {

	static final String OUTPUT_FORMAT = "png";

	private OpenAiRequestWriter() {
	}

	static byte[] write(ImageRequest request, OpenAiModel model, String size) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256 + request.prompt().length());
		try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
			json.writeStartObject();
			json.writeStringProperty("model", request.model());
			json.writeStringProperty("prompt", request.prompt());
			json.writeNumberProperty("n", 1);
			json.writeStringProperty("size", size);
			if (model.takesResponseFormat()) {
				json.writeStringProperty("response_format", "b64_json");
			}
			else {
				json.writeStringProperty("output_format", OUTPUT_FORMAT);
			}
			json.writeEndObject();
		}
		return out.toByteArray();
	}

}
