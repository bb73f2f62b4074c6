package com.catalogimage.provider;

import java.util.List;

import com.catalogimage.image.ImageSize;

/**
 * What to generate.
 *
 * @param model the provider's model id
 * @param prompt the final prompt text
 * @param size output resolution
 * @param aspectRatio e.g. {@code 1:1}
 * @param referenceImages images sent along with the prompt (may be empty)
 */
public record ImageRequest(String model, String prompt, ImageSize size, String aspectRatio,
		List<ReferenceImage> referenceImages) {

	public ImageRequest {
		referenceImages = List.copyOf(referenceImages);
	}

	public ImageRequest(String model, String prompt, ImageSize size, String aspectRatio) {
		this(model, prompt, size, aspectRatio, List.of());
	}

}
