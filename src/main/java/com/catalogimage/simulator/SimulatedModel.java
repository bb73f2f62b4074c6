package com.catalogimage.simulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.catalogimage.provider.AspectRatio;

/**
 * What the simulator knows of each Gemini image model: valid sizes and ratios, output image tokens per size
 * (docs/image-api-contract.md table 1.7), thinking tokens and draft images.
 */
record SimulatedModel(String id, Map<String, Integer> imageTokensBySize, List<String> aspectRatios, int thinkingTokens,
		int draftImages) {

	private static final List<SimulatedModel> MODELS = List.of(
			new SimulatedModel("gemini-2.5-flash-image", Map.of("1K", 1290), AspectRatio.STANDARD, 0, 0),
			new SimulatedModel("gemini-3-pro-image-preview", Map.of("1K", 1120, "2K", 1120, "4K", 2000),
					AspectRatio.STANDARD, 800, 2),
			new SimulatedModel("gemini-3.1-flash-image-preview",
					Map.of("512", 747, "1K", 1120, "2K", 1680, "4K", 2520), AspectRatio.ALL, 0, 0),
			new SimulatedModel("gemini-3.1-flash-image", Map.of("512", 747, "1K", 1120, "2K", 1680, "4K", 2520),
					AspectRatio.ALL, 0, 0));

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
