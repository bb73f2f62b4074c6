package com.catalogimage.provider.openai;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The server's hint how long to wait, read the way the official openai-python SDK reads it: {@code retry-after-ms}
 * first, then {@code retry-after} in seconds or as an HTTP date. As a last resort (OpenAI's rate-limit headers)
 * {@code x-ratelimit-reset-requests}, a Go-style duration such as {@code 6m0s} or {@code 12ms}.
 */
final class RetryAfter {

	private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|us|µs|ns|m|s)");

	private RetryAfter() {
	}

	static @Nullable Duration of(HttpHeaders headers, Clock clock) {
		Optional<String> millis = headers.firstValue("retry-after-ms");
		if (millis.isPresent()) {
			Duration delay = decimal(millis.get(), 1_000_000d);
			if (delay != null) {
				return delay;
			}
		}
		Optional<String> retryAfter = headers.firstValue("retry-after");
		if (retryAfter.isPresent()) {
			Duration delay = decimal(retryAfter.get(), 1_000_000_000d);
			if (delay == null) {
				delay = httpDate(retryAfter.get(), clock);
			}
			if (delay != null) {
				return delay;
			}
		}
		return headers.firstValue("x-ratelimit-reset-requests").map(RetryAfter::goDuration).orElse(null);
	}

	private static @Nullable Duration decimal(String value, double nanosPerUnit) {
		try {
			double amount = Double.parseDouble(value.trim());
			if (amount < 0 || Double.isNaN(amount) || Double.isInfinite(amount)) {
				return null;
			}
			return Duration.ofNanos(Math.round(amount * nanosPerUnit));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable Duration httpDate(String value, Clock clock) {
		try {
			ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
			Duration delay = Duration.between(clock.instant(), at.toInstant());
			return delay.isNegative() ? Duration.ZERO : delay;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** Parses a Go {@code time.Duration} string ({@code 1h2m3.5s}, {@code 12ms}); null when it is not one. */
	static @Nullable Duration goDuration(String value) {
		String text = value.trim();
		if (text.isEmpty()) {
			return null;
		}
		Matcher matcher = GO_DURATION_PART.matcher(text);
		double nanos = 0;
		int end = 0;
		while (matcher.find()) {
			if (matcher.start() != end) {
				return null;
			}
			end = matcher.end();
			double amount = Double.parseDouble(matcher.group(1));
			nanos += amount * switch (matcher.group(2)) {
				case "h" -> 3600e9;
				case "m" -> 60e9;
				case "s" -> 1e9;
				case "ms" -> 1e6;
				case "us", "µs" -> 1e3;
				default -> 1;
			};
		}
		return end == text.length() ? Duration.ofNanos(Math.round(nanos)) : null;
	}

}
