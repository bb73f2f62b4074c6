package com.catalogimage.catalog;

import java.util.Map;

/**
 * One data row of the catalog CSV as it was read, before validation.
 *
 * @param line the physical line on which the row starts (the header is line 1)
 * @param values column name to trimmed value; absent columns map to an empty string
 * @param consistent whether the row has as many fields as the header
 * @param fieldCount how many fields the row has
 */
public record CatalogRow(long line, Map<String, String> values, boolean consistent, int fieldCount) {

	public String get(String column) {
		return this.values.getOrDefault(column, "");
	}

}
