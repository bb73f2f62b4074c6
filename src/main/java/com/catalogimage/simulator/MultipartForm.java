package com.catalogimage.simulator;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A {@code multipart/form-data} body read as it arrives: small fields into memory, the one file part straight to disk,
 * so an upload of any size never sits on the heap (OpenAI's {@code POST /v1/files}).
 *
 * @param fields the text fields by name
 * @param filename the file part's {@code filename}, or null when there was no file part
 * @param fileBytes the bytes written to the target
 */
record MultipartForm(Map<String, String> fields, @Nullable String filename, long fileBytes) {

	private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]+)\"|([^;\\s]+))");

	private static final Pattern DISPOSITION_PARAMETER = Pattern.compile("(?i);\\s*(name|filename)=\"([^\"]*)\"");

	/** Fields are names and short values; a longer one is a client error, not something to buffer. */
	private static final int MAX_FIELD = 64 * 1024;

	/**
	 * @param fileField the field whose content goes to {@code target}
	 * @throws IllegalArgumentException when the body is not multipart/form-data or is cut short
	 */
	static MultipartForm read(InputStream body, @Nullable String contentType, String fileField, Path target)
			throws IOException {
		Matcher boundary = BOUNDARY.matcher(contentType == null ? "" : contentType);
		if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
				|| !boundary.find()) {
			throw new IllegalArgumentException("expected a multipart/form-data body with a boundary");
		}
		String mark = boundary.group(1) != null ? boundary.group(1) : boundary.group(2);
		byte[] delimiter = ("\r\n--" + mark).getBytes(StandardCharsets.ISO_8859_1);
		// the first boundary has no line break before it: lend it one so every boundary looks alike
		InputStream in = new BufferedInputStream(
				new SequenceInputStream(new ByteArrayInputStream("\r\n".getBytes(StandardCharsets.ISO_8859_1)), body),
				1 << 16);
		Map<String, String> fields = new LinkedHashMap<>();
		String filename = null;
		long fileBytes = 0;
		copyUntil(in, delimiter, OutputStream.nullOutputStream(), Long.MAX_VALUE);
		while (true) {
			int first = in.read();
			int second = in.read();
			if (first == '-' && second == '-') {
				break;
			}
			if (first != '\r' || second != '\n') {
				throw new IllegalArgumentException("malformed multipart body");
			}
			ByteArrayOutputStream headers = new ByteArrayOutputStream();
			copyUntil(in, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headers, MAX_FIELD);
			Map<String, String> disposition = disposition(headers.toString(StandardCharsets.UTF_8));
			String name = disposition.getOrDefault("name", "");
			if (name.equals(fileField) && disposition.containsKey("filename")) {
				filename = disposition.get("filename");
				try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
					fileBytes = copyUntil(in, delimiter, file, Long.MAX_VALUE);
				}
			}
			else {
				ByteArrayOutputStream value = new ByteArrayOutputStream();
				copyUntil(in, delimiter, value, MAX_FIELD);
				fields.put(name, value.toString(StandardCharsets.UTF_8));
			}
		}
		return new MultipartForm(fields, filename, fileBytes);
	}

	private static Map<String, String> disposition(String headers) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String header : headers.split("\r\n")) {
			if (header.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
				Matcher matcher = DISPOSITION_PARAMETER.matcher(header);
				while (matcher.find()) {
					parameters.put(matcher.group(1).toLowerCase(Locale.ROOT), matcher.group(2));
				}
			}
		}
		return parameters;
	}

	/**
	 * Copies bytes to {@code out} up to the delimiter, which is consumed and not copied (a Knuth-Morris-Pratt scan, so
	 * a partial match inside the data is copied as data).
	 *
	 * @return the bytes copied
	 */
	private static long copyUntil(InputStream in, byte[] delimiter, OutputStream out, long limit) throws IOException {
		int[] fallback = fallback(delimiter);
		long copied = 0;
		int matched = 0;
		int next;
		while ((next = in.read()) != -1) {
			while (matched > 0 && next != (delimiter[matched] & 0xFF)) {
				int keep = fallback[matched - 1];
				out.write(delimiter, 0, matched - keep);
				copied += matched - keep;
				matched = keep;
			}
			if (next == (delimiter[matched] & 0xFF)) {
				matched++;
				if (matched == delimiter.length) {
					return copied;
				}
			}
			else {
				out.write(next);
				copied++;
			}
			if (copied > limit) {
				throw new IllegalArgumentException("a multipart field is longer than " + limit + " bytes");
			}
		}
		throw new EOFException("the multipart body ended before its closing boundary");
	}

	private static int[] fallback(byte[] pattern) {
		int[] fallback = new int[pattern.length];
		int length = 0;
		for (int i = 1; i < pattern.length; i++) {
			while (length > 0 && pattern[i] != pattern[length]) {
				length = fallback[length - 1];
			}
			if (pattern[i] == pattern[length]) {
				length++;
			}
			fallback[i] = length;
		}
		return fallback;
	}

}
