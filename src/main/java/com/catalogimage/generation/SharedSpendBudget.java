package com.catalogimage.generation;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * The cost budget ({@code --max-cost}) of a run whose workers run in several processes: what is spent is a sum over
 * the database, the result rows' cost plus the attempt journal's calls that no row prices yet (in flight, outcome
 * unknown, delivered but not yet recorded) at their expected price. A call's journal row is its reservation, so there
 * is nothing to settle here: the next read prices it as it ended.
 */
final class SharedSpendBudget extends SpendBudget {

	private final DatabaseTally spent;

	/**
	 * @param limit the budget, or null for none
	 * @param spent the run's spending over every execution and process, read from the database
	 */
	SharedSpendBudget(@Nullable BigDecimal limit, DatabaseTally spent) {
		super(limit, BigDecimal.ZERO);
		this.spent = spent;
	}

	@Override
	boolean tryReserve(BigDecimal expected) {
		BigDecimal limit = limit();
		if (limit == null) {
			return true;
		}
		synchronized (this.spent) {
			if (this.spent.current().add(expected).compareTo(limit) > 0) {
				return false;
			}
			this.spent.add(expected);
			return true;
		}
	}

	@Override
	void settle(BigDecimal expected, BigDecimal actual) {
		// the call's journal row says how it ended; the next read prices it
	}

	@Override
	BigDecimal spent() {
		return committed();
	}

	@Override
	BigDecimal committed() {
		return limit() == null ? BigDecimal.ZERO : this.spent.current();
	}

}
