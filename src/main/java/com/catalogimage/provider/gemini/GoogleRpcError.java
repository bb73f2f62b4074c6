package com.catalogimage.provider.gemini;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.catalogimage.json.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The parts of a google.rpc.Status error envelope ({@code {"error":{"code","message","status","details"}}}) that
 * decide what to do: {@code RetryInfo.retryDelay}, {@code QuotaFailure} violations and {@code ErrorInfo} reasons.
 */
record GoogleRpcError(int code, String message, String status, @Nullable Duration retryDelay,
		List<QuotaViolation> violations, List<String> reasons) {

	/**
	 * One {@code QuotaFailure} violation.
	 *
	 * @param quotaId e.g. {@code GenerateRequestsPerDayPerProjectPerModel-FreeTier}
	 * @param quotaValue the quota's limit when the answer states it (newer answers do), or null
	 * @param model the {@code quotaDimensions.model} it applies to, or null
	 */
	record QuotaViolation(String quotaId, @Nullable String quotaValue, @Nullable String model) {
	}

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
		return new GoogleRpcError(builder.code, builder.message, builder.status, builder.retryDelay,
				builder.violations, builder.reasons);
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

		final List<QuotaViolation> violations = new ArrayList<>();

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
				case "violations" -> Json.elements(parser, () -> readViolation(parser));
				default -> Json.skip(parser);
			}
		}

		/** One QuotaFailure violation; one without a quota id is not kept. */
		private void readViolation(JsonParser parser) {
			String[] fields = new String[3];
			Json.fields(parser, key -> {
				switch (key) {
					case "quotaid" -> fields[0] = Json.text(parser);
					case "quotavalue" -> fields[1] = Json.text(parser);
					case "quotadimensions" -> Json.fields(parser, dimension -> {
						if (dimension.equals("model")) {
							fields[2] = Json.text(parser);
						}
						else {
							Json.skip(parser);
						}
					});
					default -> Json.skip(parser);
				}
			});
			if (fields[0] != null) {
				this.violations.add(new QuotaViolation(fields[0], fields[1], fields[2]));
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
