package com.catalogimage.provider.gemini;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.catalogimage.provider.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The parts of a google.rpc.Status error envelope ({@code {"error":{"code","message","status","details"}}}) that
 * decide what to do: {@code RetryInfo.retryDelay}, {@code QuotaFailure} quota ids and {@code ErrorInfo} reasons.
 */
record GoogleRpcError(int code, String message, String status, @Nullable Duration retryDelay, List<String> quotaIds,
		List<String> reasons) {

	private static final Pattern DURATION = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)s\\s*$");

	private static final Pattern RETRY_IN_MESSAGE = Pattern.compile("retry in (\\d+(?:\\.\\d+)?)s", Pattern.CASE_INSENSITIVE);

	static GoogleRpcError parse(String body) {
		Builder builder = new Builder();
		try (JsonParser parser = Json.FACTORY.createParser(body)) {
			if (parser.nextToken() == JsonToken.START_OBJECT) {
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String key = Json.key(parser);
					parser.nextToken();
					if (key.equals("error") && parser.currentToken() == JsonToken.START_OBJECT) {
						builder.readError(parser);
					}
					else {
						Json.skip(parser);
					}
				}
			}
		}
		catch (JacksonException ex) {
			// Not JSON (a proxy's HTML page, say): the status code alone decides.
			builder.message = body.strip();
		}
		if (builder.retryDelay == null) {
			Matcher matcher = RETRY_IN_MESSAGE.matcher(builder.message);
			if (matcher.find()) {
				builder.retryDelay = seconds(matcher.group(1));
			}
		}
		return new GoogleRpcError(builder.code, builder.message, builder.status, builder.retryDelay, builder.quotaIds,
				builder.reasons);
	}

	/** Parses a protobuf Duration string such as {@code "53s"} or {@code "45.837906927s"}. */
	static @Nullable Duration parseDuration(@Nullable String value) {
		if (value == null) {
			return null;
		}
		Matcher matcher = DURATION.matcher(value);
		return matcher.matches() ? seconds(matcher.group(1)) : null;
	}

	private static Duration seconds(String decimal) {
		return Duration.ofNanos(Math.round(Double.parseDouble(decimal) * 1_000_000_000d));
	}

	private static final class Builder {

		int code;

		String message = "";

		String status = "";

		@Nullable Duration retryDelay;

		final List<String> quotaIds = new ArrayList<>();

		final List<String> reasons = new ArrayList<>();

		void readError(JsonParser parser) {
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String key = Json.key(parser);
				parser.nextToken();
				switch (key) {
					case "code" -> this.code = (int) Json.longValue(parser);
					case "message" -> this.message = String.valueOf(Json.text(parser));
					case "status" -> this.status = String.valueOf(Json.text(parser));
					case "details" -> readDetails(parser);
					default -> Json.skip(parser);
				}
			}
		}

		private void readDetails(JsonParser parser) {
			if (parser.currentToken() != JsonToken.START_ARRAY) {
				Json.skip(parser);
				return;
			}
			while (parser.nextToken() == JsonToken.START_OBJECT) {
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String key = Json.key(parser);
					parser.nextToken();
					switch (key) {
						case "retrydelay" -> this.retryDelay = parseDuration(Json.text(parser));
						case "reason" -> {
							String reason = Json.text(parser);
							if (reason != null) {
								this.reasons.add(reason);
							}
						}
						case "violations" -> readViolations(parser);
						default -> Json.skip(parser);
					}
				}
			}
		}

		private void readViolations(JsonParser parser) {
			if (parser.currentToken() != JsonToken.START_ARRAY) {
				Json.skip(parser);
				return;
			}
			while (parser.nextToken() == JsonToken.START_OBJECT) {
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String key = Json.key(parser);
					parser.nextToken();
					if (key.equals("quotaid")) {
						String id = Json.text(parser);
						if (id != null) {
							this.quotaIds.add(id);
						}
					}
					else {
						Json.skip(parser);
					}
				}
			}
		}

	}

}
