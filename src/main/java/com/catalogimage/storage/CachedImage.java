package com.catalogimage.storage;

import java.nio.file.Path;

import com.catalogimage.image.ImageFormat;

/**
 * An image in the content-addressed cache.
 *
 * @param file {@code <output>/.cache/<fingerprint>.<ext>}
 */
public record CachedImage(Path file, ImageFormat format, long bytes, String sha256) {
}
