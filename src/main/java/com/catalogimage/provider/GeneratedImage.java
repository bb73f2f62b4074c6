package com.catalogimage.provider;

import java.nio.file.Path;

import com.catalogimage.image.ImageFormat;
import org.jspecify.annotations.Nullable;

/**
 * An image delivered by a provider and already decoded to disk.
 *
 * @param file the decoded image (a temp file the caller moves or deletes)
 * @param format the image format detected from the bytes
 * @param bytes size of the decoded image
 * @param sha256 hex SHA-256 of the decoded image
 * @param usage token usage reported with the response, or null when the provider sent none
 */
public record GeneratedImage(Path file, ImageFormat format, long bytes, String sha256, @Nullable TokenUsage usage) {
}
