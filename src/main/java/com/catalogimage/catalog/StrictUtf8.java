package com.catalogimage.catalog;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Decodes bytes as UTF-8 and says where they stop being UTF-8, instead of failing the whole read ("Input length = 1")
 * or silently replacing the byte. One instance per reading thread: it reuses its decoder and buffer.
 */
final class StrictUtf8 {

	/** What a catalog editor can do about it. */
	static final String SAVE_AS_UTF8 = "save the catalog as UTF-8 (in Excel: Save As, \"CSV UTF-8 (Comma delimited)\")";

	/**
	 * @param text the decoded text; where the bytes are not UTF-8, with U+FFFD in place of the bad bytes
	 * @param problem where the bytes stop being UTF-8, e.g. {@code byte 0xE9 after 'Caf'}; null when they are UTF-8
	 */
	record Decoded(String text, @Nullable String problem) {

		boolean valid() {
			return this.problem == null;
		}

	}

	/** A CharsetDecoder from newDecoder() reports malformed input rather than replacing it. */
	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();

	private CharBuffer out = CharBuffer.allocate(256);

	Decoded decode(byte[] bytes, int from, int to) {
		int length = to - from;
		if (isAscii(bytes, from, to)) {
			return new Decoded(new String(bytes, from, length, StandardCharsets.ISO_8859_1), null);
		}
		if (this.out.capacity() < length) {
			// UTF-8 never decodes to more chars than it has bytes
			this.out = CharBuffer.allocate(length);
		}
		this.out.clear();
		this.decoder.reset();
		ByteBuffer in = ByteBuffer.wrap(bytes, from, length);
		CoderResult result = this.decoder.decode(in, this.out, true);
		if (result.isError()) {
			int at = in.position();
			return new Decoded(new String(bytes, from, length, StandardCharsets.UTF_8),
					problem(new String(bytes, from, at - from, StandardCharsets.UTF_8), bytes[at] & 0xFF));
		}
		this.decoder.flush(this.out);
		return new Decoded(this.out.flip().toString(), null);
	}

	private static String problem(String before, int invalidByte) {
		String context = before.length() > 20 ? "..." + before.substring(before.length() - 20) : before;
		return "byte 0x%02X %s".formatted(invalidByte,
				context.isEmpty() ? "at the start of the value" : "after '" + context + "'");
	}

	/**
	 * Decodes text that was read as ISO-8859-1, where each char is one byte of the file: the CSV structure (commas,
	 * quotes, line breaks) is ASCII, so parsing it that way is exact, and each value is then decoded here.
	 */
	Decoded decodeLatin1Chars(String bytesAsChars) {
		for (int i = 0; i < bytesAsChars.length(); i++) {
			if (bytesAsChars.charAt(i) >= 0x80) {
				byte[] bytes = bytesAsChars.getBytes(StandardCharsets.ISO_8859_1);
				return decode(bytes, 0, bytes.length);
			}
		}
		return new Decoded(bytesAsChars, null);
	}

	private static boolean isAscii(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] < 0) {
				return false;
			}
		}
		return true;
	}

}
