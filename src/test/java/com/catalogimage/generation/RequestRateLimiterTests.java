package com.catalogimage.generation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestRateLimiterTests {

	@Test
	void a429HalvesThePaceOncePerRoundTripAndSuccessesBringItBack() {
		// given
		RequestRateLimiter limiter = new RequestRateLimiter(120, 0, 0.02, true);
		long sentBefore = System.nanoTime();
		// when: three 429s on calls sent before the first decrease count once
		limiter.rateLimited(sentBefore, null);
		limiter.rateLimited(sentBefore, null);
		limiter.rateLimited(sentBefore, null);
		// then
		assertThat(limiter.currentRpm()).isEqualTo(60);
		// a 429 on a call sent after the decrease counts again
		limiter.rateLimited(System.nanoTime(), null);
		assertThat(limiter.currentRpm()).isEqualTo(30);
		for (int i = 0; i < 1000; i++) {
			limiter.succeeded();
		}
		assertThat(limiter.currentRpm()).isEqualTo(120);
	}

	@Test
	void withoutAdaptiveModeA429ChangesNothing() {
		RequestRateLimiter limiter = new RequestRateLimiter(120, 0, 0.02, false);
		limiter.rateLimited(System.nanoTime(), null);
		assertThat(limiter.currentRpm()).isEqualTo(120);
	}

	@Test
	void thePaceNeverFallsBelowAFloor() {
		RequestRateLimiter limiter = new RequestRateLimiter(64, 0, 0.02, true);
		for (int i = 0; i < 20; i++) {
			limiter.rateLimited(System.nanoTime(), null);
		}
		assertThat(limiter.currentRpm()).isEqualTo(1.0);
	}

}
