package com.catalogimage.provider.openai;

import java.util.Locale;
import java.util.Optional;

import com.catalogimage.image.AspectRatio;
import com.catalogimage.image.Dimensions;
import com.catalogimage.image.ImageSize;

/**
 * The model families of the images API and what each accepts: GPT image models take {@code output_format} and three
 * sizes, dall-e models take {@code response_format} and their own sizes, and unknown models (a relay serving another
 * model under this shape) get dall-e style parameters with the exact pixel size of our own table. The mapping is
 * documented in docs/DESIGN-NOTES.md.
 */
public enum OpenAiModel {

	GPT_IMAGE, DALL_E_2, DALL_E_3, OTHER;

	public static OpenAiModel of(String model) {
		String id = model.toLowerCase(Locale.ROOT);
		if (id.startsWith("gpt-image")) {
			return GPT_IMAGE;
		}
		if (id.startsWith("dall-e-2")) {
			return DALL_E_2;
		}
		if (id.startsWith("dall-e-3")) {
			return DALL_E_3;
		}
		return OTHER;
	}

	/** Only dall-e models (and relays imitating them) accept {@code response_format}; GPT image models reject it. */
	public boolean takesResponseFormat() {
		return this != GPT_IMAGE;
	}

	/**
	 * The {@code size} to send for one of our sizes and ratios, or empty when the model has no such output (it is
	 * never silently downgraded: the product is skipped with a reason before anything is paid).
	 */
	public Optional<String> size(ImageSize size, String aspectRatio) {
		int orientation = orientation(aspectRatio);
		switch (this) {
			case GPT_IMAGE:
				if (size != ImageSize.K1) {
					return Optional.empty();
				}
				return Optional.of(orientation > 0 ? "1536x1024" : orientation < 0 ? "1024x1536" : "1024x1024");
			case DALL_E_3:
				if (size != ImageSize.K1) {
					return Optional.empty();
				}
				return Optional.of(orientation > 0 ? "1792x1024" : orientation < 0 ? "1024x1792" : "1024x1024");
			case DALL_E_2:
				if (orientation != 0 || (size != ImageSize.K1 && size != ImageSize.S512)) {
					return Optional.empty();
				}
				return Optional.of(size == ImageSize.S512 ? "512x512" : "1024x1024");
			default:
				Dimensions pixels = AspectRatio.dimensions(aspectRatio, size);
				return Optional.of(pixels.width() + "x" + pixels.height());
		}
	}

	/** Positive for landscape, negative for portrait, zero for square. */
	private static int orientation(String aspectRatio) {
		String[] parts = aspectRatio.split(":");
		return Integer.compare(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
	}

}
