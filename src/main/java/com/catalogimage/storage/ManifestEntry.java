package com.catalogimage.storage;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The image an output folder holds for a SKU, as the writer placed it.
 *
 * @param imagePath relative to the output folder
 * @param modifiedAt the file's last-modified time in epoch milliseconds when it was placed
 */
public record ManifestEntry(String sku, String fingerprint, String imagePath, String sha256, long bytes,
		long modifiedAt, @Nullable Integer width, @Nullable Integer height, String size, @Nullable BigDecimal costUsd,
		Instant generatedAt, long jobInstanceId) {
}
