package com.catalogimage.generation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A figure of the run that every process adds to (money spent, calls made today, products skipped), read as a sum
 * or count over the rows they write, at most once per {@code maxAge}; what this process added since the last read
 * counts on top until the next read sees its rows. So the database is the one truth, and a budget is overrun by at
 * most what other processes add between two reads (and what this one adds between a reservation and its row).
 */
final class DatabaseTally {

	private final Supplier<BigDecimal> query;

	private final Clock clock;

	private final Duration maxAge;

	private @Nullable BigDecimal read;

	private @Nullable Instant readAt;

	private BigDecimal added = BigDecimal.ZERO;

	DatabaseTally(Supplier<BigDecimal> query, Clock clock, Duration maxAge) {
		this.query = query;
		this.clock = clock;
		this.maxAge = maxAge;
	}

	/** The figure as the database had it at the last read, plus what this process added since. */
	synchronized BigDecimal current() {
		Instant now = this.clock.instant();
		if (this.read == null || this.readAt == null || !now.isBefore(this.readAt.plus(this.maxAge))) {
			this.read = this.query.get();
			this.readAt = now;
			this.added = BigDecimal.ZERO;
		}
		return this.read.add(this.added);
	}

	/** Counts what this process just took, until its row is in the database and the next read sees it. */
	synchronized void add(BigDecimal amount) {
		this.added = this.added.add(amount);
	}

}
