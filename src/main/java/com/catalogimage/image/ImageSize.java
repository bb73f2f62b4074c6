package com.catalogimage.image;

import java.util.Arrays;
import java.util.Optional;

/**
 * The output resolutions the image models know, spelled as Gemini's {@code imageConfig.imageSize} wants them (an
 * uppercase K; {@code 512} exists on 3.1 Flash only).
 */
public enum ImageSize {

	S512("512", 512), K1("1K", 1024), K2("2K", 2048), K4("4K", 4096);

	private final String wire;

	private final int longEdgeAtSquare;

	ImageSize(String wire, int edge) {
		this.wire = wire;
		this.longEdgeAtSquare = edge;
	}

	/** The value as sent on the wire and shown to users, e.g. {@code 1K}. */
	public String wire() {
		return this.wire;
	}

	/** Edge length in pixels of a 1:1 image at this size. */
	public int squareEdge() {
		return this.longEdgeAtSquare;
	}

	public static Optional<ImageSize> parse(String value) {
		return Arrays.stream(values()).filter(size -> size.wire.equals(value)).findFirst();
	}

	public static String allowedValues() {
		return String.join(", ", Arrays.stream(values()).map(ImageSize::wire).toList());
	}

}
