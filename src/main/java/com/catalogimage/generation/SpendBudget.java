package com.catalogimage.generation;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * The optional cost budget of a run ({@code --max-cost}). Before each call its expected price is reserved; a call
 * that would take spent + reserved over the budget is not made. After the call the reservation is replaced by what
 * it cost, and a call whose outcome is unknown counts at its expected price, since it may have been billed.
 */
class SpendBudget {

	private final @Nullable BigDecimal limit;

	private BigDecimal spent;

	private BigDecimal reserved = BigDecimal.ZERO;

	/**
	 * @param limit the budget, or null for none
	 * @param alreadySpent what the run has spent in earlier executions
	 */
	SpendBudget(@Nullable BigDecimal limit, BigDecimal alreadySpent) {
		this.limit = limit;
		this.spent = alreadySpent;
	}

	/** Reserves the expected price of a call; false when the call would exceed the budget. */
	synchronized boolean tryReserve(BigDecimal expected) {
		if (this.limit == null) {
			return true;
		}
		if (this.spent.add(this.reserved).add(expected).compareTo(this.limit) > 0) {
			return false;
		}
		this.reserved = this.reserved.add(expected);
		return true;
	}

	/** Replaces a reservation by the actual cost. */
	synchronized void settle(BigDecimal expected, BigDecimal actual) {
		if (this.limit == null) {
			return;
		}
		this.reserved = this.reserved.subtract(expected).max(BigDecimal.ZERO);
		this.spent = this.spent.add(actual);
	}

	@Nullable BigDecimal limit() {
		return this.limit;
	}

	synchronized BigDecimal spent() {
		return this.spent;
	}

	/** What is spent plus what the calls in flight hold: what a call is checked against. */
	synchronized BigDecimal committed() {
		return this.spent.add(this.reserved);
	}

}
