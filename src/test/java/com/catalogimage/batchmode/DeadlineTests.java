package com.catalogimage.batchmode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DeadlineTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	/** 23:30 in Berlin (winter, UTC+1). */
	private static final Instant START = Instant.parse("2026-12-01T22:30:00Z");

	@ParameterizedTest(name = "{0} from 23:30 Berlin is {1}")
	@CsvSource({ "06:00, 2026-12-02T05:00:00Z", "23:45, 2026-12-01T22:45:00Z", "23:30, 2026-12-02T22:30:00Z",
			"7:15, 2026-12-02T06:15:00Z" })
	void aTimeOfDayIsItsNextOccurrenceInTheMachinesZone(String text, String expected) {
		assertThat(Deadline.resolve(text, START, BERLIN)).isEqualTo(Instant.parse(expected));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "6h, PT6H", "90m, PT90M", "PT6H, PT6H", "45s, PT45S" })
	void aDurationCountsFromTheStart(String text, Duration expected) {
		assertThat(Deadline.resolve(text, START, BERLIN)).isEqualTo(START.plus(expected));
	}

	@Test
	void anIsoInstantIsTakenAsItIs() {
		assertThat(Deadline.resolve("2026-12-02T04:00:00Z", START, BERLIN))
			.isEqualTo(Instant.parse("2026-12-02T04:00:00Z"));
		assertThat(Deadline.resolve("2026-12-02T06:00:00+01:00", START, BERLIN))
			.isEqualTo(Instant.parse("2026-12-02T05:00:00Z"));
	}

	@ParameterizedTest(name = "''{0}''")
	@ValueSource(strings = { "tomorrow", "25:00", "6 hours", "-1h", "2026-13-01T00:00:00Z", "" })
	void anythingElseIsRefusedNamingTheForms(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Deadline.resolve(text, START, BERLIN))
			.withMessage("--deadline needs " + Deadline.FORMS + ", not '" + text + "'");
		assertThat(Deadline.isValid(text)).isFalse();
	}

}
