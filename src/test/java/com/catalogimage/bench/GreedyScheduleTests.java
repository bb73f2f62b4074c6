package com.catalogimage.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GreedyScheduleTests {

	@Test
	void eachSlotTakesTheNextProductTheInstantItIsFree() {
		// slot A: 0-3; slot B: 0-1, 1-2, 2-3
		assertThat(GreedySchedule.makespan(new long[] { 3, 1, 1, 1 }, 2)).isEqualTo(3);
	}

	@Test
	void productsAreTakenInTheOrderGivenNotLongestFirst() {
		// A: 0-1, then the 3 at 1-4; B: 0-1 and idle. Longest-first would finish at 3.
		assertThat(GreedySchedule.makespan(new long[] { 1, 1, 3 }, 2)).isEqualTo(4);
	}

	@Test
	void theFreedSlotIsTheEarliestFreeOne() {
		// A: 0-5; B: 0-2, 2-4 (B is free first), then the 4 goes to A at 4-8, not behind A's 5
		assertThat(GreedySchedule.makespan(new long[] { 5, 2, 2, 4 }, 2)).isEqualTo(8);
	}

	@Test
	void moreSlotsThanProductsFinishWithTheLongestCall() {
		assertThat(GreedySchedule.makespan(new long[] { 2, 7, 4 }, 32)).isEqualTo(7);
		assertThat(GreedySchedule.makespan(new long[0], 32)).isZero();
	}

	@Test
	void oneSlotRunsTheCallsOneAfterAnother() {
		assertThat(GreedySchedule.makespan(new long[] { 2, 7, 4 }, 1)).isEqualTo(13);
	}

	@Test
	void noSlotIsAnError() {
		assertThatIllegalArgumentException().isThrownBy(() -> GreedySchedule.makespan(new long[] { 1 }, 0));
	}

}
