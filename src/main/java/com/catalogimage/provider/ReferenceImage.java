package com.catalogimage.provider;

import java.nio.file.Path;

/**
 * A local image sent with the prompt; it is streamed from disk into the request body.
 *
 * @param file the image file
 * @param mimeType {@code image/png}, {@code image/jpeg} or {@code image/webp}
 */
public record ReferenceImage(Path file, String mimeType) {
}
