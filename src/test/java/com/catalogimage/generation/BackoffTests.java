package com.catalogimage.generation;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTests {

	private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(60), new Random(1));

	@Test
	void fullJitterStaysBelowTheExponentialCeilingAndTheCap() {
		for (int attempt = 1; attempt <= 10; attempt++) {
			Duration ceiling = Duration.ofSeconds(Math.min(60, 2L << (attempt - 1)));
			for (int i = 0; i < 100; i++) {
				assertThat(this.backoff.delay(attempt, null)).isBetween(Duration.ZERO, ceiling);
			}
		}
	}

	@Test
	void jitterSpreadsTheWaits() {
		long distinct = java.util.stream.IntStream.range(0, 50)
			.mapToObj(i -> this.backoff.delay(3, null))
			.distinct()
			.count();
		assertThat(distinct).isGreaterThan(40);
	}

	@Test
	void aServerHintLongerThanTheBackoffIsHonoured() {
		Duration hint = Duration.ofMillis(45_837);
		assertThat(this.backoff.delay(1, hint)).isBetween(hint, hint.plusSeconds(2));
		assertThat(this.backoff.delay(1, Duration.ofMillis(1))).isLessThanOrEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void aServerHintLongerThanTheCapIsCappedNotSleptThrough() {
		// the Cloudflare 429 in front of api.openai.com that asked for 15 hours (retry-after: 54749)
		Duration hint = Duration.ofSeconds(54_749);
		for (int i = 0; i < 100; i++) {
			// at the cap, spread by at most the base so that the workers do not all come back on the same instant
			assertThat(this.backoff.delay(1, hint)).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(62));
		}
	}

}
