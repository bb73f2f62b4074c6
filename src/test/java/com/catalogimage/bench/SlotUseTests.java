package com.catalogimage.bench;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlotUseTests {

	private static final long MS = 1_000_000;

	@Test
	void theTailStartsWithTheLastCallAndOnlyTheStretchBeforeItIsMeasured() {
		// given a step from 100 ms to 1200 ms, two slots; calls 150-600, 150-700, 650-1000, 700-1050 (the last start)
		CallTimeline timeline = new CallTimeline(new long[] { 150 * MS, 150 * MS, 650 * MS, 700 * MS },
				new long[] { 600 * MS, 700 * MS, 1000 * MS, 1050 * MS });
		// when
		SlotUse slots = SlotUse.of(new long[] { 450, 550, 350, 350 }, new long[] { 460, 560, 360, 360 }, timeline,
				100 * MS, 1200 * MS, 2);
		// then
		assertThat(slots.beforeTail()).isEqualTo(Duration.ofMillis(600));
		assertThat(slots.tail()).isEqualTo(Duration.ofMillis(500));
		// below two in flight: 100-150 (none yet), 600-650 (one); at 700 one call ends as the last starts
		assertThat(slots.inFlight().belowNanos()).isEqualTo(100 * MS);
		assertThat(slots.calls()).isEqualTo(4);
		// idle slot time: 2 slots x 600 ms less 450 + 550 + 50 ms of calls before the tail (both slots idle 100-150,
		// one 600-650); in the tail, 2 x 500 ms less the 300 + 350 ms of the last two calls
		assertThat(slots.idleBeforeTail(2)).isEqualTo(150 * MS);
		assertThat(slots.idleInTail(2)).isEqualTo(350 * MS);
		// ideal: A 0-450, 450-800; B 0-550, 550-900 (in nanoseconds); the client's calls are 10 longer each
		assertThat(slots.idealMakespan()).isEqualTo(Duration.ofNanos(900));
		assertThat(slots.clientIdealMakespan()).isEqualTo(Duration.ofNanos(920));
	}

	@Test
	void withoutTheSimulatorsServiceTimesThereIsNoIdeal() {
		CallTimeline timeline = new CallTimeline(new long[] { 0 }, new long[] { 5 * MS });
		SlotUse slots = SlotUse.of(null, new long[] { 5 * MS }, timeline, 0, 6 * MS, 2);
		assertThat(slots.idealMakespan()).isNull();
		assertThat(slots.clientIdealMakespan()).isEqualTo(Duration.ofMillis(5));
	}

	@Test
	void aDeliveredCallWasSentItsMeasuredDurationBeforeItsEnd() {
		// the journal's row was written 3 ms before the request went out
		assertThat(SlotUse.sentNanos(1_000 * MS, 2_000 * MS, 997L)).isEqualTo(1_003 * MS);
	}

	@Test
	void aCallIsNeverSentBeforeTheJournalRecordedIt() {
		// a duration rounded up past the journal's start
		assertThat(SlotUse.sentNanos(1_000 * MS, 2_000 * MS, 1_001L)).isEqualTo(1_000 * MS);
	}

	@Test
	void aCallWithoutAMeasuredDurationStartsAtItsJournalRow() {
		assertThat(SlotUse.sentNanos(1_000 * MS, 2_000 * MS, null)).isEqualTo(1_000 * MS);
	}

}
