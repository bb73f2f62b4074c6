package com.catalogimage.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Streams the rows of a catalog CSV (RFC 4180, UTF-8 with or without BOM) without holding the file in memory. Header
 * names are matched case-insensitively; a header lacking a required column fails at once with the names of the
 * missing columns.
 */
public final class CatalogCsvReader {

	private static final char BOM = '\uFEFF';

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
		.setIgnoreEmptyLines(true)
		.get();

	private CatalogCsvReader() {
	}

	/** Calls {@code consumer} for each data row, in file order. */
	public static void read(Path file, Consumer<CatalogRow> consumer) {
		try (Reader reader = withoutBom(Files.newBufferedReader(file, StandardCharsets.UTF_8));
				CSVParser parser = parse(file, reader)) {
			List<String> header = normalisedHeader(file, parser.getHeaderNames());
			long nextLine = parser.getCurrentLineNumber() + 1;
			Iterator<CSVRecord> records = parser.iterator();
			while (true) {
				CSVRecord record;
				try {
					if (!records.hasNext()) {
						break;
					}
					record = records.next();
				}
				catch (UncheckedIOException | IllegalStateException ex) {
					throw new CatalogFormatException(
							"%s: cannot parse the row starting at line %d: %s".formatted(file, nextLine, rootMessage(ex)), ex);
				}
				consumer.accept(toRow(record, header, nextLine));
				nextLine = parser.getCurrentLineNumber() + 1;
			}
		}
		catch (IOException ex) {
			throw new CatalogFormatException("%s: cannot read: %s".formatted(file, ex.getMessage()), ex);
		}
	}

	private static CSVParser parse(Path file, Reader reader) throws IOException {
		try {
			return CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
		}
		catch (IllegalArgumentException | UncheckedIOException ex) {
			throw new CatalogFormatException("%s: cannot read the header on line 1: %s".formatted(file, rootMessage(ex)),
					ex);
		}
	}

	private static List<String> normalisedHeader(Path file, List<String> raw) {
		List<String> header = raw.stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
		List<String> missing = CatalogColumns.REQUIRED.stream().filter(column -> !header.contains(column)).toList();
		if (!missing.isEmpty()) {
			throw new CatalogFormatException("%s: header on line 1 lacks required column(s): %s (found: %s)"
				.formatted(file, String.join(", ", missing), String.join(", ", raw)));
		}
		return header;
	}

	private static CatalogRow toRow(CSVRecord record, List<String> header, long line) {
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < header.size() && i < record.size(); i++) {
			values.put(header.get(i), record.get(i).trim());
		}
		return new CatalogRow(line, values, record.size() == header.size(), record.size());
	}

	private static Reader withoutBom(BufferedReader reader) throws IOException {
		PushbackReader pushback = new PushbackReader(reader, 1);
		int first = pushback.read();
		if (first != -1 && first != BOM) {
			pushback.unread(first);
		}
		return pushback;
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		List<Throwable> seen = new ArrayList<>();
		while (cause.getCause() != null && !seen.contains(cause.getCause())) {
			seen.add(cause);
			cause = cause.getCause();
		}
		return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
	}

}
