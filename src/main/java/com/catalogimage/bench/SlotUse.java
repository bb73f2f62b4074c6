package com.catalogimage.bench;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How well a run kept its call slots busy, against what was achievable with the same calls. The ideal schedule
 * ({@link GreedySchedule}) takes the generated products in id order, the order the shared feed hands them out.
 *
 * @param idealMakespan the ideal schedule's makespan with each call lasting what the simulator took over it (from
 * the request's arrival to the end of its answer, the service time whose mean gives the theoretical limit); null
 * when the simulator did not tell every generated product's
 * @param clientIdealMakespan the same with each call lasting what the client measured (request sent to body on
 * disk, {@code api_latency_ms}), which also covers the loopback and the client's reading and writing of the body
 * @param beforeTail from the generate step's start to the last call's start: the stretch in which every slot could
 * have had a call
 * @param inFlight calls in flight over {@code beforeTail}
 * @param tail from the last call's start to the generate step's end
 * @param inFlightInTail calls in flight over {@code tail}
 * @param calls calls journalled in the run, successful or not
 */
record SlotUse(@Nullable Duration idealMakespan, Duration clientIdealMakespan, Duration beforeTail,
		CallTimeline.Occupancy inFlight, Duration tail, CallTimeline.Occupancy inFlightInTail, int calls) {

	static final SlotUse NONE = new SlotUse(null, Duration.ZERO, Duration.ZERO, CallTimeline.Occupancy.NONE,
			Duration.ZERO, CallTimeline.Occupancy.NONE, 0);

	/**
	 * @param serviceNanos the generated products' service times at the simulator, in id order, or null when unknown
	 * @param callNanos the generated products' calls as the client measured them, in id order
	 * @param timeline every call's start and end, in nanoseconds since the epoch
	 * @param stepStartNanos and {@code stepEndNanos}: the generate step, on the same clock
	 */
	static SlotUse of(long @Nullable [] serviceNanos, long[] callNanos, CallTimeline timeline, long stepStartNanos,
			long stepEndNanos, int concurrency) {
		Duration ideal = serviceNanos == null ? null
				: Duration.ofNanos(GreedySchedule.makespan(serviceNanos, concurrency));
		Duration clientIdeal = Duration.ofNanos(GreedySchedule.makespan(callNanos, concurrency));
		if (timeline.calls() == 0) {
			return new SlotUse(ideal, clientIdeal, Duration.ZERO, CallTimeline.Occupancy.NONE, Duration.ZERO,
					CallTimeline.Occupancy.NONE, 0);
		}
		long lastStart = Math.max(stepStartNanos, Math.min(timeline.lastStart(), stepEndNanos));
		return new SlotUse(ideal, clientIdeal, Duration.ofNanos(lastStart - stepStartNanos),
				timeline.between(stepStartNanos, lastStart, concurrency), Duration.ofNanos(stepEndNanos - lastStart),
				timeline.between(lastStart, stepEndNanos, concurrency), timeline.calls());
	}

	/**
	 * Slot time with no call in flight before the tail, in nanoseconds: {@code concurrency} slots over the stretch
	 * less the calls' time in it. Counted in slots (permits), not worker threads, so it means the same whatever the
	 * number of workers; with {@link #idleInTail} it adds up to the step's slot time less the calls' own.
	 */
	long idleBeforeTail(int concurrency) {
		return concurrency * this.inFlight.window() - this.inFlight.callNanos();
	}

	/** Slot time with no call in flight in the tail, in nanoseconds: the slots idle while the last calls finish. */
	long idleInTail(int concurrency) {
		return concurrency * this.inFlightInTail.window() - this.inFlightInTail.callNanos();
	}

	/**
	 * When a call's request went out. The journal's start is taken before its own row is committed, so for the call
	 * that delivered a product's image the instant is its end less the duration the client measured from the request
	 * to the body on disk (whole milliseconds, rounded); never before the journal's start.
	 *
	 * @param latencyMillis the call's measured duration, or null when the journal's start is all there is (a failed
	 * attempt)
	 */
	static long sentNanos(long journalStartNanos, long endNanos, @Nullable Long latencyMillis) {
		if (latencyMillis == null) {
			return journalStartNanos;
		}
		return Math.max(journalStartNanos, endNanos - latencyMillis * 1_000_000);
	}

}
