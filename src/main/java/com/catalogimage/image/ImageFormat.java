package com.catalogimage.image;

import java.util.Optional;

/** Image formats recognised by their leading bytes; anything else is "not an image". */
public enum ImageFormat {

	PNG("png", "image/png"), JPEG("jpg", "image/jpeg"), WEBP("webp", "image/webp");

	/** Bytes needed to tell the formats apart. */
	public static final int SIGNATURE_LENGTH = 12;

	private final String extension;

	private final String mimeType;

	ImageFormat(String extension, String mimeType) {
		this.extension = extension;
		this.mimeType = mimeType;
	}

	public String extension() {
		return this.extension;
	}

	public String mimeType() {
		return this.mimeType;
	}

	public static Optional<ImageFormat> detect(byte[] head, int length) {
		if (length >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
				&& head[4] == 0x0D && head[5] == 0x0A && head[6] == 0x1A && head[7] == 0x0A) {
			return Optional.of(PNG);
		}
		if (length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
			return Optional.of(JPEG);
		}
		if (length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F' && head[8] == 'W'
				&& head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
			return Optional.of(WEBP);
		}
		return Optional.empty();
	}

	public static Optional<ImageFormat> fromMimeType(String mimeType) {
		for (ImageFormat format : values()) {
			if (format.mimeType.equalsIgnoreCase(mimeType)) {
				return Optional.of(format);
			}
		}
		return Optional.empty();
	}

}
