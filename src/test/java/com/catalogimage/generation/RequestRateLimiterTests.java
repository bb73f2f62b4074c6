package com.catalogimage.generation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The limiter on a fake clock: sleeping advances the clock, so every slot is an exact number. */
class RequestRateLimiterTests {

	private static final long SECOND = 1_000_000_000L;

	private static final long MINUTE = 60 * SECOND;

	private long now;

	/** Runs during a worker's next wait, before the clock moves (another worker's 429 arriving meanwhile). */
	private Runnable duringNextWait = () -> {
	};

	private boolean gateOpen = true;

	@Test
	void noSlidingMinuteHoldsMoreThanTheRpmWhenTheFirstCallComesLateInTheFirstPeriod() throws Exception {
		// given: --rpm 30 (one permit per 2.04 s); staging took 1.9 s between building the limiter and the first call.
		// Resilience4j counts its periods from its creation: built with the job, it gave the first call the first
		// period's permit and the second one 0.14 s later, 31 requests in the first sliding minute, and a 429.
		RequestRateLimiter limiter = limiter(30, 0, false);
		this.now = 1_900_000_000L;
		// when
		List<Long> sent = acquire(limiter, 40);
		// then: evenly paced from the first call on, and never more than 30 in any 60 s
		for (int i = 0; i < sent.size(); i++) {
			assertThat(sent.get(i)).isEqualTo(1_900_000_000L + i * 2_040_000_000L);
		}
		assertThat(mostInOneMinute(sent)).isEqualTo(30);
	}

	@Test
	void noSlidingMinuteHoldsMoreThanTheRpmWhenAPermitIsTakenLateInAPeriod() throws Exception {
		// given: --rpm 30 (one permit per 2.04 s); after the first call, no worker asks until 4.07 s, the end of the
		// second period
		RequestRateLimiter limiter = limiter(30, 0, false);
		acquire(limiter, 1);
		this.now = 4_070_000_000L;
		// when
		List<Long> sent = acquire(limiter, 31);
		// then: the per-period pace alone would send the 31st at 63.24 s, the 31st in [4.07 s, 64.07 s); it waits
		// until the one at 4.07 s has left the (stretched) minute
		assertThat(sent.subList(0, 3)).containsExactly(4_070_000_000L, 4_080_000_000L, 6_120_000_000L);
		assertThat(sent.get(29)).isEqualTo(61_200_000_000L);
		assertThat(sent.get(30)).isEqualTo(65_270_000_000L);
		assertThat(mostInOneMinute(sent)).isEqualTo(30);
	}

	@Test
	void noSlidingMinuteHoldsMoreThanTheRpmWhateverTheBurst() throws Exception {
		// given: a burst of 20 at --rpm 30 paces 20 permits per 40.8 s, which alone would allow 40 in the first minute
		RequestRateLimiter limiter = limiter(30, 20, false);
		// when
		List<Long> sent = acquire(limiter, 45);
		// then: 20 at once, 10 at 40.8 s, and the 31st only when the first has left the (stretched) minute
		assertThat(sent.subList(0, 20)).containsOnly(0L);
		assertThat(sent.subList(20, 30)).containsOnly(40_800_000_000L);
		assertThat(sent.get(30)).isEqualTo(61_200_000_000L);
		assertThat(mostInOneMinute(sent)).isEqualTo(30);
	}

	@Test
	void theDefaultBurstHandsOutOneSecondsPermitsTogether() throws Exception {
		RequestRateLimiter limiter = limiter(600, 0, false);
		List<Long> sent = acquire(limiter, 1200);
		assertThat(sent.subList(0, 10)).containsOnly(0L);
		assertThat(sent.subList(10, 20)).containsOnly(1_020_000_000L);
		assertThat(mostInOneMinute(sent)).isLessThanOrEqualTo(600);
	}

	@Test
	void aRetryHintPausesEveryWorkerButNeverLongerThanTheCap() throws Exception {
		// given: the 429 that asked for 15 hours
		RequestRateLimiter limiter = limiter(60, 0, true);
		acquire(limiter, 1);
		// when
		limiter.rateLimited(0, Duration.ofSeconds(54_749));
		long waited = limiter.acquire();
		// then: paused for the cap (60 s), not 15 hours
		assertThat(waited).isEqualTo(MINUTE);
		assertThat(this.now).isEqualTo(MINUTE);
	}

	@Test
	void afterAPauseThePaceResumesInsteadOfEveryWaitingWorkerAtOnce() throws Exception {
		// given: one permit per 1.02 s, the first taken; at 1 s a 429 has halved the pace and successes restored it
		RequestRateLimiter limiter = limiter(60, 0, true);
		acquire(limiter, 1);
		this.now = SECOND;
		limiter.rateLimited(0, null);
		for (int i = 0; i < 100; i++) {
			limiter.succeeded();
		}
		// when: a late 429 on the same early call (so the pace stays) pauses everyone for 10 s
		limiter.rateLimited(0, Duration.ofSeconds(10));
		List<Long> sent = acquire(limiter, 3);
		// then: no permit was reserved during the pause to fall due at its end together with the next period's; from
		// the end of the pause on, one per period (periods of 1.02 s counted from the first call)
		assertThat(limiter.currentRpm()).isEqualTo(60);
		assertThat(sent).containsExactly(11 * SECOND, 11_220_000_000L, 12_240_000_000L);
	}

	@Test
	void aWorkerAlreadyWaitingForItsSlotAlsoWaitsOutAPauseThatBeganMeanwhile() throws Exception {
		// given: one permit a 1.02 s; the first is taken, the second worker waits for 1.02 s
		RequestRateLimiter limiter = limiter(60, 0, true);
		acquire(limiter, 1);
		// when: while it waits, another worker's 429 says the quota frees up in 10 s
		this.duringNextWait = () -> limiter.rateLimited(0, Duration.ofSeconds(10));
		limiter.acquire();
		// then: it does not send at 1.02 s into the exhausted quota
		assertThat(this.now).isEqualTo(10 * SECOND);
	}

	@Test
	void aClosingGateEndsTheWaitEarly() throws Exception {
		RequestRateLimiter limiter = limiter(60, 0, true);
		acquire(limiter, 1);
		limiter.rateLimited(0, Duration.ofSeconds(30));
		this.gateOpen = false;
		limiter.acquire();
		assertThat(this.now).isZero();
	}

	@Test
	void a429HalvesThePaceOncePerRoundTripAndSuccessesBringItBack() {
		// given
		RequestRateLimiter limiter = limiter(120, 0, true);
		long sentBefore = this.now;
		this.now += SECOND;
		// when: three 429s on calls sent before the first decrease count once
		limiter.rateLimited(sentBefore, null);
		limiter.rateLimited(sentBefore, null);
		limiter.rateLimited(sentBefore, null);
		// then
		assertThat(limiter.currentRpm()).isEqualTo(60);
		// a 429 on a call sent after the decrease counts again
		this.now += SECOND;
		limiter.rateLimited(this.now, null);
		assertThat(limiter.currentRpm()).isEqualTo(30);
		for (int i = 0; i < 1000; i++) {
			limiter.succeeded();
		}
		assertThat(limiter.currentRpm()).isEqualTo(120);
	}

	@Test
	void belowTheConfiguredRateCallsAreSpacedEvenly() throws Exception {
		RequestRateLimiter limiter = limiter(120, 0, true);
		limiter.rateLimited(this.now, null);
		List<Long> sent = acquire(limiter, 3);
		// 60 rpm after the halving: one a second (the 1.02 s burst period of 120 rpm's two permits does not bind)
		assertThat(sent).containsExactly(0L, SECOND, 2 * SECOND);
	}

	@Test
	void withoutAdaptiveModeA429ChangesNothing() throws Exception {
		RequestRateLimiter limiter = limiter(120, 0, false);
		limiter.rateLimited(this.now, Duration.ofSeconds(30));
		assertThat(limiter.currentRpm()).isEqualTo(120);
		assertThat(limiter.acquire()).isZero();
	}

	@Test
	void thePaceNeverFallsBelowAFloor() {
		RequestRateLimiter limiter = limiter(64, 0, true);
		for (int i = 0; i < 20; i++) {
			this.now += SECOND;
			limiter.rateLimited(this.now, null);
		}
		assertThat(limiter.currentRpm()).isEqualTo(1.0);
	}

	private RequestRateLimiter limiter(int rpm, int burst, boolean adaptive) {
		return new RequestRateLimiter(new RequestRateLimiter.Settings(rpm, burst, 0.02, adaptive, Duration.ofMinutes(1)),
				() -> this.now, duration -> {
					Runnable meanwhile = this.duringNextWait;
					this.duringNextWait = () -> {
					};
					meanwhile.run();
					if (!this.gateOpen) {
						return false;
					}
					this.now += duration.toNanos();
					return true;
				});
	}

	/** The clock reading when each of {@code count} permits was granted, one after the other. */
	private List<Long> acquire(RequestRateLimiter limiter, int count) throws InterruptedException {
		List<Long> sent = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			limiter.acquire();
			sent.add(this.now);
		}
		return sent;
	}

	/** The most grants that fall into one window [t, t + 60 s), over every window starting at a grant. */
	private static int mostInOneMinute(List<Long> sent) {
		int most = 0;
		for (int i = 0; i < sent.size(); i++) {
			int inWindow = 0;
			for (int j = i; j < sent.size() && sent.get(j) - sent.get(i) < MINUTE; j++) {
				inWindow++;
			}
			most = Math.max(most, inWindow);
		}
		return most;
	}

}
