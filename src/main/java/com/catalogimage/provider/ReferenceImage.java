package com.catalogimage.provider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.catalogimage.image.ImageFormat;

/**
 * A local image sent with the prompt; it is streamed from disk into the request body.
 *
 * @param file the image file
 * @param mimeType {@code image/png}, {@code image/jpeg} or {@code image/webp}; {@link #UNKNOWN_TYPE} when the file
 * is not (or no longer) one of them, which the client reports as an item failure before sending anything
 */
public record ReferenceImage(Path file, String mimeType) {

	public static final String UNKNOWN_TYPE = "application/octet-stream";

	/** A reference with the MIME type its leading bytes show; never fails, the client checks before sending. */
	public static ReferenceImage of(Path file) {
		byte[] head = new byte[ImageFormat.SIGNATURE_LENGTH];
		int length = 0;
		try (InputStream in = Files.newInputStream(file)) {
			length = in.readNBytes(head, 0, head.length);
		}
		catch (IOException ex) {
			return new ReferenceImage(file, UNKNOWN_TYPE);
		}
		return new ReferenceImage(file, ImageFormat.detect(head, length).map(ImageFormat::mimeType).orElse(UNKNOWN_TYPE));
	}

}
