package com.catalogimage.batchmode;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SyncFinishEstimateTests {

	@Test
	void theWorkersPaceDecidesWhenItIsSlowerThanTheRateLimit() {
		// 1000 products, 8 workers at a p90 of 16 s: one every 2 s (the 600 rpm limit would allow one per 0.1 s)
		SyncFinishEstimate estimate = new SyncFinishEstimate(1000, 600, 8, Duration.ofSeconds(16),
				Duration.ofSeconds(40), 0.25, Duration.ofSeconds(60));
		// (1000 x 2 s + 40 s) x 1.25 + 3 x 60 s
		assertThat(estimate.duration()).isEqualTo(Duration.ofSeconds(2550 + 180));
		assertThat(estimate.latestSafeSwitch(Instant.parse("2026-12-02T06:00:00Z")))
			.isEqualTo(Instant.parse("2026-12-02T05:14:30Z"));
	}

	@Test
	void theRateLimitDecidesWhenItIsSlowerThanTheWorkers() {
		// 60 rpm: one a second, though 8 workers at 2 s could do four
		SyncFinishEstimate estimate = new SyncFinishEstimate(100, 60, 8, Duration.ofSeconds(2), Duration.ofSeconds(4),
				0, Duration.ofSeconds(1));
		assertThat(estimate.duration()).isEqualTo(Duration.ofSeconds(100 + 4 + 3));
	}

}
