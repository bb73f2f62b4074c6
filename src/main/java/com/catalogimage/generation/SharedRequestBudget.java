package com.catalogimage.generation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The requests-per-day budget ({@code --rpd}) of workers in several processes: today's calls are the attempt
 * journal's rows since midnight in the quota zone, asked again at most once per {@code maxAge} instead of counted up
 * in memory, so every process sees the calls of the others.
 */
final class SharedRequestBudget extends RequestBudget {

	private final long limit;

	private final ZoneId zone;

	private final Clock clock;

	private final Function<Instant, Long> countSince;

	private final Duration maxAge;

	private @Nullable LocalDate day;

	private @Nullable DatabaseTally today;

	SharedRequestBudget(long limit, ZoneId zone, Clock clock, Function<Instant, Long> countSince, Duration maxAge) {
		super(limit, zone, clock, countSince);
		this.limit = limit;
		this.zone = zone;
		this.clock = clock;
		this.countSince = countSince;
		this.maxAge = maxAge;
	}

	@Override
	synchronized boolean tryTake() {
		if (this.limit <= 0) {
			return true;
		}
		DatabaseTally calls = today();
		if (calls.current().longValue() >= this.limit) {
			return false;
		}
		calls.add(BigDecimal.ONE);
		return true;
	}

	@Override
	synchronized void giveBack() {
		if (this.limit > 0 && this.today != null) {
			this.today.add(BigDecimal.ONE.negate());
		}
	}

	private DatabaseTally today() {
		LocalDate now = LocalDate.now(this.clock.withZone(this.zone));
		if (this.today == null || !now.equals(this.day)) {
			Instant midnight = now.atStartOfDay(this.zone).toInstant();
			this.day = now;
			this.today = new DatabaseTally(() -> BigDecimal.valueOf(this.countSince.apply(midnight)), this.clock,
					this.maxAge);
		}
		return this.today;
	}

}
