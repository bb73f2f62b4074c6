package com.catalogimage.catalog;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One data row of the catalog CSV as it was read, before validation.
 *
 * @param line the physical line on which the row starts (the header is line 1)
 * @param values column name to trimmed value, for the columns the job reads; absent columns map to an empty string
 * @param header the header's column names, lower case, in file order
 * @param fieldCount how many fields the row has
 * @param notUtf8 the first value the job reads whose bytes are not UTF-8, or null when they all are
 */
record CatalogRow(long line, Map<String, String> values, List<String> header, int fieldCount,
		@Nullable NotUtf8 notUtf8) {

	/**
	 * @param field the column
	 * @param problem where, e.g. {@code byte 0xE9 after 'Caf'}
	 */
	public record NotUtf8(String field, String problem) {
	}

	public String get(String column) {
		return this.values.getOrDefault(column, "");
	}

	/** Whether the row has as many fields as the header. */
	public boolean consistent() {
		return this.fieldCount == this.header.size();
	}

}
