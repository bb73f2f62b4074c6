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
			// a body that is not an object is not read further: the status code alone decides
			if (parser.nextToken() == JsonToken.START_OBJECT) {
				Json.fields(parser, key -> {
					if (key.equals("error")) {
						builder.readError(parser);
					}
					else {
						Json.skip(parser);
					}
				});
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
			Json.fields(parser, key -> {
				switch (key) {
					case "code" -> this.code = (int) Json.longValue(parser);
					case "message" -> this.message = String.valueOf(Json.text(parser));
					case "status" -> this.status = String.valueOf(Json.text(parser));
					case "details" -> Json.elements(parser,
							() -> Json.fields(parser, field -> readDetail(parser, field)));
					default -> Json.skip(parser);
				}
			});
		}

		/** A field of one {@code details} entry, whichever its type: RetryInfo, ErrorInfo and QuotaFailure differ. */
		private void readDetail(JsonParser parser, String key) {
			switch (key) {
				case "retrydelay" -> this.retryDelay = parseDuration(Json.text(parser));
				case "reason" -> addText(parser, this.reasons);
				case "violations" -> Json.elements(parser,
						() -> Json.fields(parser, field -> readViolation(parser, field)));
				default -> Json.skip(parser);
			}
		}

		/** A field of one QuotaFailure violation. */
		private void readViolation(JsonParser parser, String key) {
			if (key.equals("quotaid")) {
				addText(parser, this.quotaIds);
			}
			else {
				Json.skip(parser);
			}
		}

		/** Adds a text value; a null (or a structure where text belongs) adds nothing. */
		private static void addText(JsonParser parser, List<String> values) {
			String value = Json.text(parser);
			if (value != null) {
				values.add(value);
			}
		}

	}

}
