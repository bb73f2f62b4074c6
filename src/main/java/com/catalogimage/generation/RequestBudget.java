package com.catalogimage.generation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The optional requests-per-day budget ({@code --rpd}): counts every call made for the provider and model today,
 * across runs, starting from the attempt journal. "Today" is the calendar day in the provider's quota zone (Gemini
 * resets its daily quotas at midnight Pacific time).
 */
class RequestBudget {

	private final long limit;

	private final ZoneId zone;

	private final Clock clock;

	private final Function<Instant, Long> countSince;

	private @Nullable LocalDate day;

	private long used;

	/**
	 * @param limit calls per day, or 0 for no budget
	 * @param countSince calls already recorded since a given instant
	 */
	RequestBudget(long limit, ZoneId zone, Clock clock, Function<Instant, Long> countSince) {
		this.limit = limit;
		this.zone = zone;
		this.clock = clock;
		this.countSince = countSince;
	}

	/** Takes one call from today's budget; false when it is spent. */
	synchronized boolean tryTake() {
		if (this.limit <= 0) {
			return true;
		}
		LocalDate today = LocalDate.now(this.clock.withZone(this.zone));
		if (!today.equals(this.day)) {
			this.day = today;
			this.used = this.countSince.apply(today.atStartOfDay(this.zone).toInstant());
		}
		if (this.used >= this.limit) {
			return false;
		}
		this.used++;
		return true;
	}

	/** Gives back a call taken but not made. */
	synchronized void giveBack() {
		if (this.limit > 0 && this.used > 0) {
			this.used--;
		}
	}

	long limit() {
		return this.limit;
	}

}
