package com.catalogimage.generation;

import java.time.Instant;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.catalog.ProductStatus;
import com.catalogimage.image.Dimensions;
import com.catalogimage.provider.TokenUsage;
import com.catalogimage.storage.CachedImage;
import com.catalogimage.storage.ResultFigures.Origin;
import org.jspecify.annotations.Nullable;

/**
 * A product whose image is in the cache, ready for the writer to place and record.
 *
 * @param status {@link ProductStatus#GENERATED} or {@link ProductStatus#CACHED}
 * @param dimensions the image's pixels, {@link Dimensions#UNKNOWN} when the format cannot be read here
 * @param startedAt when work on the product began (first attempt, or the cache lookup)
 * @param finishedAt when the image was in the cache
 * @param origin how the image was bought: one synchronous call, or a line of a provider batch
 */
public record GenerationResult(CatalogItem item, ProductStatus status, CachedImage image, Dimensions dimensions,
		AttemptStats stats, @Nullable TokenUsage usage, Cost cost, Instant startedAt, Instant finishedAt, Origin origin) {
}
