package com.catalogimage.storage;

import com.catalogimage.catalog.ProductStatus;
import com.catalogimage.storage.ResultFigures.Calls;
import com.catalogimage.storage.ResultFigures.ImageFile;
import com.catalogimage.storage.ResultFigures.Origin;
import com.catalogimage.storage.ResultFigures.Price;
import com.catalogimage.storage.ResultFigures.Timing;
import org.jspecify.annotations.Nullable;

/**
 * One row of {@code generation_result}: the final word on a product in a job instance.
 *
 * @param image the placed image; {@link ImageFile#NONE} for a skipped product
 * @param origin how the image was bought ({@link Origin#SYNC} for a skip or a cached image)
 */
public record ProductOutcome(long itemId, long jobInstanceId, long jobExecutionId, ProductStatus status,
		@Nullable String reason, String provider, String model, String size, String aspectRatio, Calls calls,
		Timing timing, Price price, ImageFile image, Origin origin) {
}
