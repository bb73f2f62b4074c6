package com.catalogimage.catalog;

import org.jspecify.annotations.Nullable;

/**
 * A product staged for a job instance, as the generate step reads it from the database.
 *
 * @param id the staged row's id (the feed hands out ids in increasing order)
 * @param fingerprint hash of everything that determines the image; the image cache key
 */
public record CatalogItem(long id, long jobInstanceId, long line, String sku, String name, String prompt, String size,
		String aspectRatio, @Nullable String referenceImage, String fingerprint) {
}
