package com.catalogimage.simulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.catalogimage.image.AspectRatio;
import com.catalogimage.image.ImageFormat;

/**
 * What the simulator knows of each Gemini image model: valid sizes and ratios, output image tokens per size
 * (Google's image docs and model pages), thinking tokens and draft images, the format it answers in, the candidate
 * tokens a real answer counts beyond the itemised IMAGE entry, and the input token limit.
 *
 * @param output the format of the model's images: JPEG for the 3.x models, as live answers of
 * {@code gemini-3.1-flash-image} and {@code gemini-3-pro-image-preview} are; PNG for 2.5 Flash Image (as documented,
 * with no capture saying otherwise)
 * @param unitemisedTokens how much {@code candidatesTokenCount} exceeds the IMAGE entry of
 * {@code candidatesTokensDetails} in an image-only answer: 272 in a live 3.1 Flash Image answer, 99 in a live 3 Pro
 * one; none assumed for 2.5 Flash Image
 * @param maxInputTokens the Gemini API's input token limit, past which a request is a 400: 65,536 for the 3.x image
 * models (the limit their 400s name; Vertex AI lists 131,072 for 3.1 Flash Image) and 32,768 for 2.5 Flash Image
 */
record SimulatedModel(String id, Map<String, Integer> imageTokensBySize, List<String> aspectRatios, int thinkingTokens,
		int draftImages, ImageFormat output, int unitemisedTokens, int maxInputTokens) {

	private static final Map<String, Integer> FLASH_31_TOKENS = Map.of("512", 747, "1K", 1120, "2K", 1680, "4K", 2520);

	private static final List<SimulatedModel> MODELS = List.of(
			new SimulatedModel("gemini-2.5-flash-image", Map.of("1K", 1290), AspectRatio.STANDARD, 0, 0, ImageFormat.PNG,
					0, 32_768),
			new SimulatedModel("gemini-3-pro-image-preview", Map.of("1K", 1120, "2K", 1120, "4K", 2000),
					AspectRatio.STANDARD, 800, 2, ImageFormat.JPEG, 99, 65_536),
			new SimulatedModel("gemini-3.1-flash-image-preview", FLASH_31_TOKENS, AspectRatio.ALL, 0, 0,
					ImageFormat.JPEG, 272, 65_536),
			new SimulatedModel("gemini-3.1-flash-image", FLASH_31_TOKENS, AspectRatio.ALL, 0, 0, ImageFormat.JPEG, 272,
					65_536));

	/** Every model, as {@code GET /v1beta/models} lists them. */
	static List<SimulatedModel> all() {
		return MODELS;
	}

	static Optional<SimulatedModel> find(String id) {
		return MODELS.stream().filter(model -> model.id.equals(id)).findFirst();
	}

	boolean supportsSize(String size) {
		return this.imageTokensBySize.containsKey(size);
	}

	int imageTokens(String size) {
		return this.imageTokensBySize.get(size);
	}

}
