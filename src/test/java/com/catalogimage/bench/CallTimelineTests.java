package com.catalogimage.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CallTimelineTests {

	@Test
	void countsTheTimeWithFewerCallsInFlightThanAllowed() {
		// given two slots; in flight: 0-1 one, 1-4 two, 4-5 one, 5-9 two, 9-10 one
		CallTimeline timeline = new CallTimeline(new long[] { 0, 1, 5 }, new long[] { 4, 10, 9 });
		// when
		CallTimeline.Occupancy occupancy = timeline.between(0, 10, 2);
		// then
		assertThat(occupancy.window()).isEqualTo(10);
		assertThat(occupancy.belowNanos()).isEqualTo(3);
		assertThat(occupancy.shareBelow()).isCloseTo(0.3, within(1e-12));
		assertThat(occupancy.callNanos()).isEqualTo(1 + 2 * 3 + 1 + 2 * 4 + 1);
		assertThat(occupancy.meanInFlight()).isCloseTo(1.7, within(1e-12));
	}

	@Test
	void onlyTheStretchAskedForCounts() {
		CallTimeline timeline = new CallTimeline(new long[] { 0, 1, 5 }, new long[] { 4, 10, 9 });
		// from 2 (two in flight) to the last start, 5: one in flight from 4 to 5
		CallTimeline.Occupancy occupancy = timeline.between(2, timeline.lastStart(), 2);
		assertThat(timeline.lastStart()).isEqualTo(5);
		assertThat(occupancy.window()).isEqualTo(3);
		assertThat(occupancy.belowNanos()).isEqualTo(1);
		assertThat(occupancy.callNanos()).isEqualTo(2 * 2 + 1);
	}

	@Test
	void aCallEndingTheInstantTheNextStartsLeavesNoGap() {
		// two slots always busy: 0-3 then 3-6 on one, 0-5 on the other
		CallTimeline timeline = new CallTimeline(new long[] { 3, 0, 0 }, new long[] { 6, 3, 5 });
		assertThat(timeline.between(0, 5, 2).belowNanos()).isZero();
		assertThat(timeline.between(0, 6, 2).belowNanos()).isEqualTo(1);
	}

	@Test
	void timeBeforeTheFirstCallAndWithNoCallAtAllIsBelow() {
		CallTimeline timeline = new CallTimeline(new long[] { 4 }, new long[] { 6 });
		CallTimeline.Occupancy occupancy = timeline.between(0, 10, 1);
		assertThat(occupancy.belowNanos()).isEqualTo(8);
		assertThat(occupancy.callNanos()).isEqualTo(2);
	}

	@Test
	void anEmptyStretchMeasuresNothing() {
		CallTimeline timeline = new CallTimeline(new long[] { 4 }, new long[] { 6 });
		assertThat(timeline.between(5, 5, 1)).isEqualTo(CallTimeline.Occupancy.NONE);
		assertThat(CallTimeline.Occupancy.NONE.shareBelow()).isZero();
	}

}
