package com.catalogimage.provider.openai;

import com.catalogimage.json.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The OpenAI error envelope {@code {"error":{"message","type","param","code"}}}. Only {@code code} is stable; the
 * message wording varies. Fields that are absent or null read as empty strings.
 */
record OpenAiError(String message, String type, String code) {

	static OpenAiError parse(String body) {
		String[] fields = { "", "", "" };
		try (JsonParser parser = Json.FACTORY.createParser(body)) {
			// a body that is not an object is not read further: the status code alone decides
			if (parser.nextToken() == JsonToken.START_OBJECT) {
				Json.fields(parser, key -> readEnvelope(parser, key, fields));
			}
		}
		catch (JacksonException ex) {
			// Not JSON (a proxy's HTML page, say): the status code alone decides.
			fields[0] = body.strip();
		}
		return new OpenAiError(fields[0], fields[1], fields[2]);
	}

	private static void readEnvelope(JsonParser parser, String key, String[] fields) {
		if (key.equals("error") && parser.currentToken() == JsonToken.VALUE_STRING) {
			// some relays send {"error": "text"}
			fields[0] = parser.getString();
		}
		else if (key.equals("error")) {
			Json.fields(parser, errorKey -> readError(parser, errorKey, fields));
		}
		else {
			Json.skip(parser);
		}
	}

	private static void readError(JsonParser parser, String key, String[] fields) {
		switch (key) {
			case "message" -> fields[0] = orEmpty(Json.text(parser));
			case "type" -> fields[1] = orEmpty(Json.text(parser));
			case "code" -> fields[2] = orEmpty(Json.text(parser));
			default -> Json.skip(parser);
		}
	}

	private static String orEmpty(@Nullable String value) {
		return value == null ? "" : value;
	}

}
