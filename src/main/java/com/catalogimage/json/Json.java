package com.catalogimage.json;

import java.io.StringWriter;
import java.util.Locale;
import java.util.function.Function;

import tools.jackson.core.Base64Variant;
import tools.jackson.core.Base64Variants;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;

/**
 * The shared streaming JSON factory and the few idioms every wire-format reader here needs.
 * <p>
 * The readers walk the tree with {@link #fields}, {@link #elements} and {@link #firstElement}, which all treat a value
 * of the wrong shape the same way: skipped, as if absent. A field or element reader may throw a checked exception
 * (decoding into a temp file throws {@link java.io.IOException}); Jackson's own exceptions are unchecked and pass
 * through untouched, so a malformed or cut body still surfaces as the Jackson exception the provider client
 * classifies.
 */
public final class Json {

	public static final JsonFactory FACTORY = new JsonFactory();

	/** Standard base64 without line feeds; padding is accepted but not required (some relays drop it). */
	public static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS.withPaddingAllowed();

	private Json() {
	}

	/**
	 * Reads the value of one field; called with the parser on that value, which it must consume (read it, or
	 * {@link #skip} it).
	 *
	 * @param <E> the checked exception the reader may throw ({@link RuntimeException} when it throws none)
	 */
	@FunctionalInterface
	public interface FieldReader<E extends Exception> {

		void read(String key) throws E;

	}

	/**
	 * Reads one object element of an array; called with the parser on the element's {@code START_OBJECT}, which it
	 * must consume up to the matching {@code END_OBJECT}.
	 */
	@FunctionalInterface
	public interface ElementReader<E extends Exception> {

		void read() throws E;

	}

	/**
	 * Moves to the first token of a body that must be an object.
	 *
	 * @throws StreamReadException otherwise, which the provider client reports as a malformed response
	 */
	public static void requireObject(JsonParser parser) {
		JsonToken first = parser.nextToken();
		if (first != JsonToken.START_OBJECT) {
			throw new StreamReadException(parser, "expected an object but found " + first);
		}
	}

	/**
	 * Hands each field of the object the parser is on to {@code reader}, with the parser moved to the field's value and
	 * the name folded by {@link #key}. A value that is not an object is skipped.
	 *
	 * @return whether the value was an object
	 */
	public static <E extends Exception> boolean fields(JsonParser parser, FieldReader<E> reader) throws E {
		return fields(parser, Json::key, reader);
	}

	/** As {@link #fields}, with names exactly as sent: the OpenAI wire does not fold them. */
	public static <E extends Exception> boolean fieldsAsSent(JsonParser parser, FieldReader<E> reader) throws E {
		return fields(parser, JsonParser::currentName, reader);
	}

	private static <E extends Exception> boolean fields(JsonParser parser, Function<JsonParser, String> name,
			FieldReader<E> reader) throws E {
		if (!enter(parser, JsonToken.START_OBJECT)) {
			return false;
		}
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String key = name.apply(parser);
			parser.nextToken();
			reader.read(key);
		}
		return true;
	}

	/**
	 * Hands each object element of the array the parser is on to {@code reader}. A value that is not an array is
	 * skipped; reading stops at the first element that is not an object.
	 *
	 * @return whether the value was an array
	 */
	public static <E extends Exception> boolean elements(JsonParser parser, ElementReader<E> reader) throws E {
		if (!enter(parser, JsonToken.START_ARRAY)) {
			return false;
		}
		while (parser.nextToken() == JsonToken.START_OBJECT) {
			reader.read();
		}
		return true;
	}

	/**
	 * As {@link #elements}, but only the first object element is read; the others are skipped unread (an answer's
	 * further candidates or images were never asked for, and decoding them would cost time and disk).
	 */
	public static <E extends Exception> void firstElement(JsonParser parser, ElementReader<E> reader) throws E {
		if (!enter(parser, JsonToken.START_ARRAY)) {
			return;
		}
		boolean first = true;
		while (parser.nextToken() == JsonToken.START_OBJECT) {
			if (first) {
				reader.read();
				first = false;
			}
			else {
				parser.skipChildren();
			}
		}
	}

	/** Whether the parser is on {@code start}; if not, the value it is on is skipped. */
	private static boolean enter(JsonParser parser, JsonToken start) {
		if (parser.currentToken() != start) {
			skip(parser);
			return false;
		}
		return true;
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

	/** Writes the fields of one object. */
	@FunctionalInterface
	public interface Fields {

		void write(JsonGenerator json);

	}

	/** A small JSON object (a request body of a few fields) as text. */
	public static String object(Fields fields) {
		StringWriter text = new StringWriter();
		try (JsonGenerator json = FACTORY.createGenerator(text)) {
			json.writeStartObject();
			fields.write(json);
			json.writeEndObject();
		}
		return text.toString();
	}

	/**
	 * The value the parser is on as compact JSON text, consumed; what goes past {@code maxChars} is dropped, so a small
	 * error object can be handed on whole while a runaway one cannot grow without bound.
	 */
	public static String copy(JsonParser parser, int maxChars) {
		StringWriter text = new StringWriter() {

			@Override
			public void write(char[] chars, int offset, int length) {
				super.write(chars, offset, Math.max(0, Math.min(length, maxChars - getBuffer().length())));
			}

			@Override
			public void write(String string, int offset, int length) {
				super.write(string, offset, Math.max(0, Math.min(length, maxChars - getBuffer().length())));
			}

			@Override
			public void write(int c) {
				if (getBuffer().length() < maxChars) {
					super.write(c);
				}
			}

		};
		try (JsonGenerator json = FACTORY.createGenerator(text)) {
			json.copyCurrentStructure(parser);
		}
		return text.toString();
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
