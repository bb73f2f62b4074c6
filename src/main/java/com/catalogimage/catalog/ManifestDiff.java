package com.catalogimage.catalog;

import java.io.IOException;

/**
 * Compares a staged catalog with the images the output folder already holds (implemented by the image manifest in
 * storage), so that unchanged products are not paid for again.
 */
public interface ManifestDiff {

	/** Marks PENDING products whose image is current UP_TO_DATE; returns how many. */
	long markUpToDate(long jobInstanceId);

	/** Records the SKUs the output holds that the catalog no longer lists; {@code prune} deletes their images. */
	long recordRemoved(long jobInstanceId, boolean prune) throws IOException;

}
