package com.catalogimage.provider.openai;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.catalogimage.image.AspectRatio;
import com.catalogimage.image.Dimensions;
import com.catalogimage.image.ImageSize;

/**
 * The model families of the images API and what each accepts: GPT image models ({@code gpt-image-*} and
 * {@code chatgpt-image-latest}) take {@code output_format} and three sizes, dall-e models take {@code response_format}
 * and their own sizes, and unknown models (a relay serving another model under this shape) get dall-e style parameters
 * with the exact pixel size of our own table. The mapping is documented in docs/DESIGN-NOTES.md.
 */
public enum OpenAiModel {

	GPT_IMAGE, DALL_E_2, DALL_E_3, OTHER;

	/**
	 * The models OpenAI sells through its Batch API with the {@code /v1/images/generations} endpoint, as announced when
	 * images came to it (February 2026): "gpt-image-1.5, chatgpt-image-latest, gpt-image-1, gpt-image-1-mini".
	 */
	private static final Pattern BATCH_ELIGIBLE = Pattern
		.compile("(gpt-image-1|gpt-image-1-mini|gpt-image-1\\.5|chatgpt-image-latest)(-\\d{4}-\\d{2}-\\d{2})?");

	public static OpenAiModel of(String model) {
		String id = model.toLowerCase(Locale.ROOT);
		if (id.startsWith("gpt-image") || id.startsWith("chatgpt-image")) {
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

	/**
	 * Whether OpenAI's Batch API takes this model: exactly one of the four announced ids, optionally with a dated
	 * snapshot suffix ({@code gpt-image-1-2025-04-15}). Everything else is not (dall-e models, newer GPT image models
	 * until OpenAI lists them, a relay's own models): a batch of them would fail validation after the upload.
	 */
	public static boolean batchEligible(String model) {
		return BATCH_ELIGIBLE.matcher(model.toLowerCase(Locale.ROOT)).matches();
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
