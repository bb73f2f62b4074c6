package com.catalogimage.batchmode;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

import org.springframework.boot.convert.DurationStyle;

/**
 * Reads {@code --deadline}: a time of day {@code HH:mm} (the next such time in the machine's zone after the run
 * starts, so 06:00 from a run starting at 23:00 is tomorrow morning), an ISO instant ({@code 2026-12-02T05:00:00Z}),
 * or a duration from the start ({@code 6h}, {@code 90m}, {@code PT6H}).
 */
public final class Deadline {

	/** What the flag takes, for its messages. */
	public static final String FORMS = "a time HH:mm, an ISO instant or a duration such as 6h";

	private static final Pattern TIME_OF_DAY = Pattern.compile("\\d{1,2}:\\d{2}");

	private Deadline() {
	}

	/**
	 * @param start when the run starts (a duration counts from it, a time of day is the next one after it)
	 * @throws IllegalArgumentException naming the forms when the text is none of them
	 */
	public static Instant resolve(String text, Instant start, ZoneId zone) {
		String value = text.strip();
		if (TIME_OF_DAY.matcher(value).matches()) {
			try {
				LocalTime time = LocalTime.parse(value.length() == 4 ? "0" + value : value,
						DateTimeFormatter.ofPattern("HH:mm"));
				ZonedDateTime from = start.atZone(zone);
				ZonedDateTime at = from.with(time).withSecond(0).withNano(0);
				return (at.isAfter(from) ? at : at.plusDays(1).with(time)).toInstant();
			}
			catch (DateTimeException ex) {
				throw invalid(text);
			}
		}
		if (value.length() > 10 && Character.isDigit(value.charAt(0)) && value.contains("T")) {
			try {
				return Instant.parse(value);
			}
			catch (DateTimeException ex) {
				try {
					return ZonedDateTime.parse(value).toInstant();
				}
				catch (DateTimeException again) {
					throw invalid(text);
				}
			}
		}
		try {
			Duration duration = DurationStyle.detectAndParse(value);
			if (!duration.isNegative()) {
				return start.plus(duration);
			}
		}
		catch (IllegalArgumentException ex) {
			// none of the forms
		}
		throw invalid(text);
	}

	/** Whether the text is one of the forms (for the flag's check before anything starts). */
	public static boolean isValid(String text) {
		try {
			resolve(text, Instant.EPOCH, ZoneId.of("UTC"));
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static IllegalArgumentException invalid(String text) {
		return new IllegalArgumentException("--deadline needs " + FORMS + ", not '" + text + "'");
	}

}
