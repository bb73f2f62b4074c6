package com.catalogimage.report;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Keeps the CSVs a merchandiser opens in a spreadsheet from running formulas (CSV injection, as OWASP describes it):
 * Excel and LibreOffice take a cell that begins with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage
 * return as a formula, even from a quoted field, so a catalog value such as {@code =HYPERLINK(...)} would run when
 * rejected.csv is opened. Such a text cell gets a leading {@code '}, OWASP's remedy, which spreadsheets show as
 * text. A cell that is a plain number ({@code -0.5}, {@code +3}, {@code -1e-3}) is left as it is: it is no formula,
 * and scripts read it. Every CSV writer of the report passes its cells through here.
 */
final class CsvCells {

	private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

	private CsvCells() {
	}

	/** The record's cells, each {@linkplain #neutralise(Object) neutralised}, for {@code CSVPrinter.printRecord}. */
	static @Nullable Object[] neutralised(@Nullable Object... values) {
		@Nullable Object[] cells = new Object[values.length];
		for (int i = 0; i < values.length; i++) {
			cells[i] = neutralise(values[i]);
		}
		return cells;
	}

	/** Null (an empty cell) and numbers as they are; text that a spreadsheet would run, with a leading {@code '}. */
	static @Nullable Object neutralise(@Nullable Object value) {
		if (value == null || value instanceof Number) {
			return value;
		}
		String text = value.toString();
		if (text.isEmpty() || "=+-@\t\r".indexOf(text.charAt(0)) < 0 || NUMBER.matcher(text).matches()) {
			return value;
		}
		return "'" + text;
	}

}
