package com.catalogimage.catalog;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
 * <p>
 * Bytes that are not UTF-8 reject their row, not the file: the file is parsed as ISO-8859-1, where every byte is one
 * char, so the CSV structure (commas, quotes and line breaks are ASCII, and no byte of a multi-byte UTF-8 sequence is)
 * comes out exactly as in UTF-8, and each value the job reads is then decoded strictly as UTF-8
 * ({@link StrictUtf8}); a row with a value that is not carries it in {@link CatalogRow#notUtf8()} for the validator
 * (columns the job does not read are ignored, whatever their bytes). A file that is mostly not UTF-8
 * fails once ({@link CatalogEncodingCheck}). Broken quoting cannot be confined to a row (the parser cannot tell where
 * the next row starts), so it fails the file, naming the line where the row starts.
 */
final class CatalogCsvReader {

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
		.setIgnoreEmptyLines(true)
		.get();

	private CatalogCsvReader() {
	}

	/**
	 * Calls {@code consumer} for each data row, in file order.
	 *
	 * @throws CatalogFormatException when the file as a whole cannot be read: a missing column in the header, broken
	 * quoting, mostly not UTF-8; its message names the file and, where known, the line
	 */
	public static void read(Path file, Consumer<CatalogRow> consumer) {
		try {
			CatalogEncodingCheck.requireMostlyUtf8(file);
			try (Reader reader = new InputStreamReader(withoutBom(Files.newInputStream(file)),
					StandardCharsets.ISO_8859_1); CSVParser parser = parse(file, reader)) {
				StrictUtf8 utf8 = new StrictUtf8();
				List<String> header = normalisedHeader(file, parser.getHeaderNames(), utf8);
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
						throw new CatalogFormatException(unparsable(file, nextLine, ex));
					}
					consumer.accept(toRow(record, header, nextLine, utf8));
					nextLine = parser.getCurrentLineNumber() + 1;
				}
			}
		}
		catch (IOException ex) {
			throw new CatalogFormatException("%s: cannot read: %s".formatted(file, ex.getMessage()));
		}
	}

	private static CSVParser parse(Path file, Reader reader) throws IOException {
		try {
			return CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
		}
		catch (IllegalArgumentException | UncheckedIOException ex) {
			throw new CatalogFormatException("%s: cannot read the header on line 1: %s".formatted(file, rootMessage(ex)));
		}
	}

	private static List<String> normalisedHeader(Path file, List<String> raw, StrictUtf8 utf8) {
		List<String> names = new ArrayList<>(raw.size());
		for (String name : raw) {
			StrictUtf8.Decoded decoded = utf8.decodeLatin1Chars(name);
			if (!decoded.valid()) {
				throw new CatalogFormatException("%s: the header on line 1 is not UTF-8 (%s); %s".formatted(file,
						decoded.problem(), StrictUtf8.SAVE_AS_UTF8));
			}
			names.add(decoded.text());
		}
		List<String> header = names.stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
		List<String> missing = CatalogColumns.REQUIRED.stream().filter(column -> !header.contains(column)).toList();
		if (!missing.isEmpty()) {
			throw new CatalogFormatException("%s: header on line 1 lacks required column(s): %s (found: %s)"
				.formatted(file, String.join(", ", missing), String.join(", ", names)));
		}
		return header;
	}

	private static CatalogRow toRow(CSVRecord record, List<String> header, long line, StrictUtf8 utf8) {
		Map<String, String> values = new LinkedHashMap<>();
		CatalogRow.NotUtf8 notUtf8 = null;
		for (int i = 0; i < header.size() && i < record.size(); i++) {
			String column = header.get(i);
			if (!CatalogColumns.ALL.contains(column)) {
				// a column the job does not read cannot spoil the row, whatever its bytes
				continue;
			}
			StrictUtf8.Decoded decoded = utf8.decodeLatin1Chars(record.get(i));
			if (notUtf8 == null && !decoded.valid()) {
				notUtf8 = new CatalogRow.NotUtf8(column, decoded.problem());
			}
			values.put(column, decoded.text().trim());
		}
		return new CatalogRow(line, values, header, record.size(), notUtf8);
	}

	/** What a catalog editor needs to find and fix a row the parser cannot get past. */
	private static String unparsable(Path file, long line, RuntimeException ex) {
		String cause = rootMessage(ex);
		if (cause.contains("EOF reached before encapsulated token finished")) {
			return ("%s: line %d: a quoted value that starts in this row is never closed, so the rest of the file would"
					+ " be read into it; close the quote, and write a quote inside a quoted value twice (\"\")")
				.formatted(file, line);
		}
		if (cause.startsWith("Invalid character between encapsulated token and delimiter")) {
			return ("%s: line %d: text follows the closing quote of a quoted value (or a quote inside it is not doubled);"
					+ " write a quote inside a quoted value twice (\"\")").formatted(file, line);
		}
		return "%s: cannot parse the row starting at line %d: %s".formatted(file, line, cause);
	}

	private static InputStream withoutBom(InputStream raw) throws IOException {
		BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
		in.mark(BOM.length);
		byte[] head = in.readNBytes(BOM.length);
		if (!java.util.Arrays.equals(head, BOM)) {
			in.reset();
		}
		return in;
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
