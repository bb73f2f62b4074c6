package com.catalogimage.storage;

import com.catalogimage.storage.ResultFigures.Calls;
import com.catalogimage.storage.ResultFigures.ImageFile;
import com.catalogimage.storage.ResultFigures.Origin;
import com.catalogimage.storage.ResultFigures.Price;
import com.catalogimage.storage.ResultFigures.Timing;
import org.jspecify.annotations.Nullable;

/**
 * A product of a job instance as it is recorded: its catalog row, its result row's figures if it has one, and its
 * image (the result's, or for an up-to-date product the manifest's current entry). Absent values stay null, never
 * zero.
 *
 * @param line the catalog line
 * @param name the product's name from the catalog
 * @param status its status; the report also shows products the catalog no longer lists as {@code REMOVED}
 * @param provider null when no call was made (the same for model, calls, timing, price and execution)
 * @param executionId the job execution that recorded its result
 * @param origin how its image was bought ({@link Origin#SYNC} when it has no result row)
 */
public record ProductRecord(long line, String sku, String name, String status, @Nullable String reason,
		@Nullable String provider, @Nullable String model, String size, String aspectRatio, Calls calls,
		Timing timing, Price price, ImageFile image, @Nullable Long executionId, Origin origin) {
}
