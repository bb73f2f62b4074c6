package com.catalogimage.simulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the simulator knows of each OpenAI image model: accepted sizes, whether it takes {@code response_format} or
 * {@code output_format}, the most images per request, the longest prompt in characters (OpenAI's API reference for
 * images/generations), and the gpt-image-1 output token table (OpenAI's image-generation guide) by quality and size.
 */
record OpenAiSimulatedModel(String id, List<String> sizes, boolean gptImage, int maxImages, int maxPromptLength) {

	private static final List<String> GPT_SIZES = List.of("1024x1024", "1536x1024", "1024x1536", "auto");

	private static final List<OpenAiSimulatedModel> MODELS = List.of(
			new OpenAiSimulatedModel("gpt-image-1", GPT_SIZES, true, 10, 32_000),
			new OpenAiSimulatedModel("gpt-image-1-mini", GPT_SIZES, true, 10, 32_000),
			new OpenAiSimulatedModel("gpt-image-1.5", GPT_SIZES, true, 10, 32_000),
			new OpenAiSimulatedModel("dall-e-3", List.of("1024x1024", "1792x1024", "1024x1792"), false, 1, 4_000),
			new OpenAiSimulatedModel("dall-e-2", List.of("256x256", "512x512", "1024x1024"), false, 10, 1_000));

	private static final Map<String, int[]> TOKENS = Map.of("low", new int[] { 272, 408, 400 }, "medium",
			new int[] { 1056, 1584, 1568 }, "high", new int[] { 4160, 6240, 6208 });

	static Optional<OpenAiSimulatedModel> find(String id) {
		return MODELS.stream().filter(model -> model.id.equals(id)).findFirst();
	}

	String defaultSize() {
		return this.gptImage ? "auto" : "1024x1024";
	}

	/** Output image tokens for a quality ({@code auto} counts as medium) and size. */
	static int outputTokens(String quality, int width, int height) {
		int[] bySize = TOKENS.getOrDefault(quality, TOKENS.get("medium"));
		return width == height ? bySize[0] : width < height ? bySize[1] : bySize[2];
	}

}
