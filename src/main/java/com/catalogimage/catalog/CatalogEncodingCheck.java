package com.catalogimage.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Tells a catalog that is not UTF-8 at all (a Latin-1 or Windows-1252 export, as Excel's plain "CSV" writes) from one
 * with a few bad bytes. A few: those rows are rejected one by one and the rest go on. Most: rejecting row after row
 * would only bury the one fix, so the file fails once, naming the first bad line. "Most" is more than half of the
 * non-empty lines after the header holding bytes that are not UTF-8; a UTF-8 sequence never spans a line break, so
 * lines can be checked one at a time, in one streaming pass before the file is parsed.
 */
final class CatalogEncodingCheck {

	private CatalogEncodingCheck() {
	}

	/** @throws CatalogFormatException when more than half of the lines after the header are not UTF-8 */
	static void requireMostlyUtf8(Path file) throws IOException {
		Survey survey = new Survey();
		byte[] chunk = new byte[64 * 1024];
		try (InputStream in = Files.newInputStream(file)) {
			int n;
			while ((n = in.read(chunk)) > 0) {
				survey.accept(chunk, n);
			}
		}
		survey.endOfLine();
		if (survey.invalid * 2 > survey.lines) {
			throw new CatalogFormatException(("%s is not UTF-8: %d of its %d lines after the header hold bytes that are"
					+ " not, the first on line %d (%s); it looks like a Latin-1 or Windows-1252 export: %s")
				.formatted(file, survey.invalid, survey.lines, survey.firstInvalidLine, survey.firstProblem,
						StrictUtf8.SAVE_AS_UTF8));
		}
	}

	/** Counts the lines after the header, and those that are not UTF-8, as the bytes stream past. */
	private static final class Survey {

		private final StrictUtf8 utf8 = new StrictUtf8();

		private byte[] line = new byte[1024];

		private int length;

		private long lineNo;

		private long lines;

		private long invalid;

		private long firstInvalidLine;

		private @Nullable String firstProblem;

		void accept(byte[] chunk, int count) {
			int start = 0;
			for (int i = 0; i < count; i++) {
				if (chunk[i] == '\n') {
					append(chunk, start, i);
					endOfLine();
					start = i + 1;
				}
			}
			append(chunk, start, count);
		}

		private void append(byte[] chunk, int from, int to) {
			int needed = this.length + to - from;
			if (needed > this.line.length) {
				this.line = Arrays.copyOf(this.line, Math.max(needed, this.line.length * 2));
			}
			System.arraycopy(chunk, from, this.line, this.length, to - from);
			this.length = needed;
		}

		void endOfLine() {
			this.lineNo++;
			int end = this.length > 0 && this.line[this.length - 1] == '\r' ? this.length - 1 : this.length;
			if (this.lineNo > 1 && end > 0) {
				this.lines++;
				StrictUtf8.Decoded decoded = this.utf8.decode(this.line, 0, end);
				if (!decoded.valid()) {
					this.invalid++;
					if (this.firstProblem == null) {
						this.firstInvalidLine = this.lineNo;
						this.firstProblem = decoded.problem();
					}
				}
			}
			this.length = 0;
		}

	}

}
