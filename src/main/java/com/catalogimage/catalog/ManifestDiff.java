package com.catalogimage.catalog;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Compares a staged catalog with the images the output folder already holds (implemented by the image manifest in
 * storage), so that unchanged products are not paid for again.
 */
public interface ManifestDiff {

	/**
	 * Records the SKUs the output holds that the instance's catalog no longer lists; {@code prune} deletes their
	 * images. A SKU of a rejected row is still listed (not staged, yet not removed either), so its image stays.
	 */
	long recordRemoved(long jobInstanceId, boolean prune) throws IOException;

	/**
	 * Of the given products (SKU to fingerprint), those whose image is current: staging inserts them UP_TO_DATE, the
	 * estimate does not count them.
	 */
	Set<String> current(Map<String, String> fingerprintsBySku);

}
