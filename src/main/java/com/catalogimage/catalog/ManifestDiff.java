package com.catalogimage.catalog;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Compares a staged catalog with the images the output folder already holds (implemented by the image manifest in
 * storage), so that unchanged products are not paid for again.
 */
public interface ManifestDiff {

	/** Marks PENDING products whose image is current UP_TO_DATE; returns how many. */
	long markUpToDate(long jobInstanceId);

	/**
	 * Records the SKUs the output holds that the catalog no longer lists; {@code prune} deletes their images.
	 *
	 * @param stillListed SKUs of rows the catalog lists but that were rejected: not staged, yet not removed either,
	 * so their images stay
	 */
	long recordRemoved(long jobInstanceId, boolean prune, Set<String> stillListed) throws IOException;

	/** Of the given products (SKU to fingerprint), those whose image is current; for estimates. */
	Set<String> current(Map<String, String> fingerprintsBySku);

}
