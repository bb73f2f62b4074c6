package com.catalogimage.generation;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.PriorityQueue;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adaptive limiter against a provider whose real limit is a quarter of the configured rpm, on a fake clock: the
 * workers each take a permit, send, wait for the answer and retry a 429 after the backoff, as {@link ProviderCaller}
 * does. The server's 429s carry no hint (as OpenAI's may not), so the pace alone has to find the limit: the hint's
 * pause is {@link RequestRateLimiterTests}' subject. The clock moves only through the limiter's waits and the answers' latency, so a
 * simulated quarter of an hour takes milliseconds and every number is exact.
 */
class AdaptiveRateConvergenceTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void theAdaptivePaceConvergesOnAServerLimitBelowTheConfiguredRpm() throws Exception {
		// given: 2400 rpm configured, 32 workers; the server admits 600 in any sliding minute and its 429s say not
		// when to come back
		Simulation simulation = new Simulation(true);
		// when
		simulation.deliver(1200);
		// then: every product delivered, few 429s, and in less than twice the time the server's limit needs (1200 at
		// 600 rpm: a minute and a quarter), so the pace came down without collapsing to its floor (37.5 rpm)
		assertThat(simulation.delivered).isEqualTo(1200);
		assertThat(simulation.share429()).isLessThan(0.10);
		assertThat(simulation.now).isLessThan(150 * SECOND);
	}

	@Test
	void withoutAdaptiveModeTheSameServerAnswersManyMore429s() throws Exception {
		// the contrast that shows the threshold above measures the adaptation, not the server's leniency: the
		// backoff alone keeps retrying into the exhausted minute
		Simulation simulation = new Simulation(false);
		simulation.deliver(1200);
		assertThat(simulation.delivered).isEqualTo(1200);
		assertThat(simulation.share429()).isGreaterThan(0.20);
	}

	/**
	 * Workers and a server on one fake clock. A worker waiting for its slot sleeps on the clock; answers that fall due
	 * meanwhile are delivered to the limiter in time order (a 429 while others wait pauses them, as in the job).
	 */
	private static final class Simulation {

		private static final int RPM = 2400;

		private static final int SERVER_RPM = 600;

		private static final int WORKERS = 32;

		/** Each call's round trip: short enough that the workers could send the configured rpm. */
		private static final long LATENCY = 100_000_000L;

		private static final long MINUTE = 60 * SECOND;

		private final RequestRateLimiter limiter;

		/** The job's backoff as the job tests set it (20 ms base), on seeded dice. */
		private final Backoff backoff = new Backoff(Duration.ofMillis(20), Duration.ofSeconds(60), new Random(7));

		/** When the server admitted each request still in its sliding minute. */
		private final Deque<Long> admitted = new ArrayDeque<>();

		/** Answers not yet arrived, by arrival time. */
		private final PriorityQueue<Answer> inFlight = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));

		/** When each idle worker is ready to send again, earliest first. */
		private final PriorityQueue<Ready> ready = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));

		long now;

		int requests;

		int rateLimited;

		int delivered;

		private int started;

		Simulation(boolean adaptive) {
			this.limiter = new RequestRateLimiter(
					new RequestRateLimiter.Settings(RPM, 0, 0.02, adaptive, Duration.ofMinutes(1)), () -> this.now,
					duration -> {
						advanceTo(this.now + duration.toNanos());
						return true;
					});
		}

		double share429() {
			return (double) this.rateLimited / this.requests;
		}

		void deliver(int products) throws InterruptedException {
			for (int i = 0; i < WORKERS; i++) {
				this.ready.add(new Ready(0, 0));
			}
			while (this.delivered < products) {
				if (!this.inFlight.isEmpty()
						&& (this.ready.isEmpty() || this.inFlight.element().at <= this.ready.element().at)) {
					// an answer comes before the next worker is free
					advanceTo(this.inFlight.element().at);
					continue;
				}
				Ready worker = this.ready.remove();
				if (worker.failedAttempts == 0) {
					if (this.started == products) {
						continue; // nothing left to start: the worker stays idle
					}
					this.started++;
				}
				advanceTo(worker.at);
				this.limiter.acquire();
				send(worker.failedAttempts);
			}
		}

		private void send(int failedAttempts) {
			this.requests++;
			while (!this.admitted.isEmpty() && this.now - this.admitted.peekFirst() >= MINUTE) {
				this.admitted.removeFirst();
			}
			if (this.admitted.size() < SERVER_RPM) {
				this.admitted.addLast(this.now);
				this.inFlight.add(new Answer(this.now + LATENCY, this.now, failedAttempts, true));
			}
			else {
				this.inFlight.add(new Answer(this.now + LATENCY, this.now, failedAttempts, false));
			}
		}

		/** Moves the clock to {@code time}, delivering every answer due by then in order. */
		private void advanceTo(long time) {
			while (!this.inFlight.isEmpty() && this.inFlight.element().at <= time) {
				Answer answer = this.inFlight.remove();
				this.now = Math.max(this.now, answer.at);
				if (answer.admitted) {
					this.delivered++;
					this.limiter.succeeded();
					this.ready.add(new Ready(this.now, 0));
				}
				else {
					this.rateLimited++;
					this.limiter.rateLimited(answer.sentAt, null);
					int failed = answer.failedAttempts + 1;
					this.ready.add(new Ready(this.now + this.backoff.delay(failed, null).toNanos(), failed));
				}
			}
			this.now = Math.max(this.now, time);
		}

		private record Answer(long at, long sentAt, int failedAttempts, boolean admitted) {
		}

		/** A worker free from {@code at} on, to retry its product after failed attempts, or (0) to start the next. */
		private record Ready(long at, int failedAttempts) {
		}

	}

}
