package com.catalogimage.generation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BudgetsTests {

	@Test
	void requestBudgetCountsEarlierCallsOfTheDayAndStartsAfreshAtMidnightInItsZone() {
		// given: 8 calls already journalled today; the day ends at midnight Los Angeles time
		AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-24T07:00:00Z"));
		Clock clock = new Clock() {
			@Override
			public ZoneOffset getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(ZoneId zone) {
				return Clock.fixed(now.get(), zone);
			}

			@Override
			public Instant instant() {
				return now.get();
			}
		};
		RequestBudget budget = new RequestBudget(10, ZoneId.of("America/Los_Angeles"), clock,
				since -> since.isBefore(Instant.parse("2026-11-24T08:00:00Z")) ? 8L : 0L);
		// when / then: 23:00 on the 23rd in Los Angeles, 2 left
		assertThat(budget.tryTake()).isTrue();
		assertThat(budget.tryTake()).isTrue();
		assertThat(budget.tryTake()).isFalse();
		// a new day in Los Angeles
		now.set(Instant.parse("2026-11-24T08:30:00Z"));
		assertThat(budget.tryTake()).isTrue();
	}

	@Test
	void spendBudgetReservesExpectedPricesAndSettlesActualOnes() {
		SpendBudget budget = new SpendBudget(new BigDecimal("1.00"), new BigDecimal("0.80"));
		assertThat(budget.tryReserve(new BigDecimal("0.15"))).isTrue();
		assertThat(budget.tryReserve(new BigDecimal("0.15"))).as("0.80 + 0.15 reserved + 0.15 > 1.00").isFalse();
		budget.settle(new BigDecimal("0.15"), new BigDecimal("0.05"));
		assertThat(budget.spent()).isEqualByComparingTo("0.85");
		assertThat(budget.tryReserve(new BigDecimal("0.15"))).isTrue();
	}

	@Test
	void providerHealthTripsOnlyAboveTheThresholdWithEnoughSamples() {
		ProviderHealth health = new ProviderHealth(10, 4, 0.5);
		assertThat(health.failed()).as("one sample is not enough").isFalse();
		health.succeeded();
		assertThat(health.failed()).isFalse();
		assertThat(health.failed()).as("3 of 4 failed").isTrue();
		for (int i = 0; i < 10; i++) {
			health.succeeded();
		}
		assertThat(health.failed()).as("the old failures left the window").isFalse();
	}

}
