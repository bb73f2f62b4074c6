package com.catalogimage.catalog;

import org.jspecify.annotations.Nullable;

/**
 * A validated catalog row with its final prompt and image settings. The row's description and category are in the
 * prompt wherever the template asks for them, and reach the fingerprint through it; nothing else reads them, so a
 * product does not carry them.
 *
 * @param line the line on which the row starts in the CSV
 * @param referenceImage a path relative to the CSV as written, or null; staged products carry it resolved to an
 * absolute path
 */
record Product(long line, String sku, String name, String prompt, String size, String aspectRatio,
		@Nullable String referenceImage) {
}
