package com.catalogimage.provider;

import java.util.Locale;

import tools.jackson.core.Base64Variant;
import tools.jackson.core.Base64Variants;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * The shared streaming JSON factory and the few idioms every wire-format reader here needs.
 */
public final class Json {

	public static final JsonFactory FACTORY = new JsonFactory();

	/** Standard base64 without line feeds; padding is accepted but not required (some relays drop it). */
	public static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS.withPaddingAllowed();

	private Json() {
	}

	/**
	 * The current field name folded so that camelCase and snake_case spellings compare equal ({@code inlineData} and
	 * {@code inline_data} both become {@code inlinedata}), as proto3 JSON parsers accept either.
	 */
	public static String key(JsonParser parser) {
		return fold(parser.currentName());
	}

	public static String fold(String name) {
		return name.replace("_", "").toLowerCase(Locale.ROOT);
	}

	/** Skips the value the parser is positioned on (after a field name has been read and the value token taken). */
	public static void skip(JsonParser parser) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
			parser.skipChildren();
		}
	}

	/** A scalar as text (numbers and booleans included), or null for JSON null and structures. */
	public static @org.jspecify.annotations.Nullable String text(JsonParser parser) {
		JsonToken token = parser.currentToken();
		if (token == null || token == JsonToken.VALUE_NULL || token.isStructStart()) {
			skip(parser);
			return null;
		}
		return parser.getString();
	}

	public static long longValue(JsonParser parser) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
			return parser.getValueAsLong();
		}
		if (token == JsonToken.VALUE_STRING) {
			try {
				return Long.parseLong(parser.getString().trim());
			}
			catch (NumberFormatException ex) {
				return 0;
			}
		}
		skip(parser);
		return 0;
	}

}
