package com.catalogimage.provider.openai;

import java.io.ByteArrayOutputStream;

import com.catalogimage.json.Json;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ItemFailure;
import tools.jackson.core.JsonGenerator;

/**
 * Writes an {@code images/generations} request body. {@code n} is pinned to 1 (every image is billed), and the image
 * always comes back inline: {@code response_format=b64_json} for models that take it, {@code output_format} for GPT
 * image models, which always answer in base64 and reject {@code response_format}. The synchronous call sends it as its
 * body, and a batch sends the same object as a JSONL line's {@code body}.
 */
final class OpenAiRequestWriter {

	static final String OUTPUT_FORMAT = "png";

	private OpenAiRequestWriter() {
	}

	/**
	 * The {@code size} to send for this request, decided before anything is sent or paid.
	 *
	 * @throws ItemFailure when the request has reference images (the endpoint takes none) or the model has no output
	 * of the requested size and ratio
	 */
	static String size(ImageRequest request, OpenAiModel model) {
		if (!request.referenceImages().isEmpty()) {
			throw new ItemFailure("reference-image-unsupported",
					"images/generations takes no reference images; use a Gemini model for rows with reference_image");
		}
		return model.size(request.size(), request.aspectRatio())
			.orElseThrow(() -> new ItemFailure("size-unsupported", request.model() + " has no output of size "
					+ request.size().wire() + " at " + request.aspectRatio() + " (see docs/DESIGN-NOTES.md)"));
	}

	static byte[] write(ImageRequest request, OpenAiModel model, String size) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256 + request.prompt().length());
		try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
			write(request, model, size, json);
		}
		return out.toByteArray();
	}

	/** Writes the body object as the generator's next value. */
	static void write(ImageRequest request, OpenAiModel model, String size, JsonGenerator json) {
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

}
