package com.catalogimage.provider;

import com.catalogimage.json.Json;
import java.io.IOException;
import java.io.InputStream;

import tools.jackson.core.JsonParser;

/**
 * Reads JSONL (a sequence of root JSON values, one a line) with one streaming parser, value by value, so that neither
 * the body nor one line is ever held: a line's large strings are decoded or skipped as the parser reaches them.
 */
public final class JsonLines {

	/** Reads one line's value; called with the parser on its first token, which it must consume entirely. */
	@FunctionalInterface
	public interface LineReader {

		void read(JsonParser parser, long index) throws IOException;

	}

	private JsonLines() {
	}

	/**
	 * Hands every value at index {@code fromIndex} or later to the reader; the ones before are skipped unread.
	 *
	 * @return the number of values in the body
	 */
	public static long read(InputStream body, long fromIndex, LineReader reader) throws IOException {
		try (JsonParser parser = Json.FACTORY.createParser(body)) {
			long index = 0;
			while (parser.nextToken() != null) {
				if (index < fromIndex) {
					Json.skip(parser);
				}
				else {
					reader.read(parser, index);
				}
				index++;
			}
			return index;
		}
	}

}
