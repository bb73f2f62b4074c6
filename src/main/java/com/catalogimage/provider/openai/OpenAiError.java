package com.catalogimage.provider.openai;

import com.catalogimage.provider.Json;
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
			if (parser.nextToken() == JsonToken.START_OBJECT) {
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String key = Json.key(parser);
					parser.nextToken();
					if (key.equals("error") && parser.currentToken() == JsonToken.START_OBJECT) {
						readError(parser, fields);
					}
					else if (key.equals("error") && parser.currentToken() == JsonToken.VALUE_STRING) {
						// some relays send {"error": "text"}
						fields[0] = parser.getString();
					}
					else {
						Json.skip(parser);
					}
				}
			}
		}
		catch (JacksonException ex) {
			// Not JSON (a proxy's HTML page, say): the status code alone decides.
			fields[0] = body.strip();
		}
		return new OpenAiError(fields[0], fields[1], fields[2]);
	}

	private static void readError(JsonParser parser, String[] fields) {
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String key = Json.key(parser);
			parser.nextToken();
			String value;
			switch (key) {
				case "message" -> {
					value = Json.text(parser);
					fields[0] = value == null ? "" : value;
				}
				case "type" -> {
					value = Json.text(parser);
					fields[1] = value == null ? "" : value;
				}
				case "code" -> {
					value = Json.text(parser);
					fields[2] = value == null ? "" : value;
				}
				default -> Json.skip(parser);
			}
		}
	}

}
