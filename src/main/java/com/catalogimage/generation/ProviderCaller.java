package com.catalogimage.generation;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.LongSupplier;

import com.catalogimage.provider.GeneratedImage;
import com.catalogimage.provider.ImageClient;
import com.catalogimage.provider.ImageFiles;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.LocalWriteException;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.provider.SystemicFailure;
import com.catalogimage.storage.AttemptJournal.Outcome;
import com.catalogimage.storage.AttemptJournal;

/**
 * Calls the provider for one product. Before every attempt, first or retry: the gate must be open, a rate-limit
 * permit is taken, and the daily request and cost budgets must allow the call. Every attempt is journalled outside
 * the chunk transaction. Retryable failures are retried with {@link Backoff}, honouring the server's delay hint up
 * to the backoff cap; a hint beyond {@link Retries#stopBeyond()} (an edge ban asking for 15 hours, say) stops the run
 * with the time it makes sense to restart, instead of leaving every worker asleep. Retry lives here, around the call,
 * rather than in the step, because it must read that hint from the typed failure and take a permit per attempt. A
 * {@link LocalWriteException} (our disk failed) is never retried.
 */
final class ProviderCaller {

	/**
	 * How failed attempts are retried.
	 *
	 * @param maxAttempts attempts per product, first call included
	 * @param backoff the waits between attempts; a server's hint is honoured up to its cap
	 * @param stopBeyond a server's hint longer than this stops the run (STOPPED) instead of being waited for
	 * @param zone the zone in which the stop message tells when to restart
	 */
	record Retries(int maxAttempts, Backoff backoff, Duration stopBeyond, ZoneId zone) {
	}

	/**
	 * How a caller waits, measures and shares the provider with the other workers.
	 *
	 * @param retries how failed attempts are retried
	 * @param slots the permits for calls in flight, shared by every worker of the step
	 * @param sleeper waits out a backoff; says false when the gate closed meanwhile
	 * @param clock the instants journalled and reported
	 * @param nanoTime the clock that latencies and waits are measured on: the one the sleeper's waits and the rate
	 * limiter's slots pass on, as a 429's send time is handed to the limiter
	 */
	record Settings(Retries retries, CallSlots slots, Sleeper sleeper, Clock clock, LongSupplier nanoTime) {

		/** Measured on the system's monotonic clock. */
		Settings(Retries retries, CallSlots slots, Sleeper sleeper, Clock clock) {
			this(retries, slots, sleeper, clock, System::nanoTime);
		}

	}

	private static final DateTimeFormatter RESTART_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final ImageClient client;

	private final RequestRateLimiter rateLimiter;

	private final Retries retries;

	private final Sleeper sleeper;

	private final Clock clock;

	/** What latencies and waits are measured on: the system's monotonic clock, or a test's. */
	private final LongSupplier nanoTime;

	private final CurrentRun runs;

	/** The permits a call holds from just before its request until its body is on disk. */
	private final CallSlots slots;

	private final AttemptJournal journal;

	private final CostCalculator costs;

	/**
	 * @param rateLimiter paces the calls of this process
	 * @param runs the execution's run, whose gate and budgets every attempt must pass
	 */
	ProviderCaller(ImageClient client, RequestRateLimiter rateLimiter, CurrentRun runs, AttemptJournal journal,
			CostCalculator costs, Settings settings) {
		this.client = client;
		this.rateLimiter = rateLimiter;
		this.runs = runs;
		this.journal = journal;
		this.costs = costs;
		this.retries = settings.retries();
		this.slots = settings.slots();
		this.sleeper = settings.sleeper();
		this.clock = settings.clock();
		this.nanoTime = settings.nanoTime();
	}

	/**
	 * @throws ProductSkippedException for item-level failures and exhausted retries
	 * @throws SystemicFailure when the job must end
	 * @throws CallAbandonedException when the gate closed before the product's next attempt
	 */
	Delivery call(ImageRequest request, Path workDirectory, AttemptJournal.Caller caller)
			throws InterruptedException {
		// an image file made for an attempt that got no image is deleted here
		try (ImageFiles files = ImageFiles.in(workDirectory)) {
			return call(request, files, caller);
		}
	}

	private Delivery call(ImageRequest request, ImageFiles files, AttemptJournal.Caller caller)
			throws InterruptedException {
		GenerationRun run = this.runs.get();
		GenerationGate gate = run.gate();
		SpendBudget spend = run.spend();
		Attempts attempts = new Attempts();
		BigDecimal expected = this.costs.expected(request.model(), request.size().wire());
		while (true) {
			checkOpen(gate);
			// before the slot: an unwritable work folder ends the run before a request is paid for (ImageFiles)
			files.prepare();
			if (!this.slots.acquire(gate)) {
				throw new CallAbandonedException();
			}
			try {
				attempts.rateWait += this.rateLimiter.acquire();
				checkOpen(gate);
				reserve(run, expected);
			}
			catch (RuntimeException | InterruptedException ex) {
				this.slots.release();
				throw ex;
			}
			Instant sentAt = this.clock.instant();
			if (attempts.first == null) {
				attempts.first = sentAt;
			}
			attempts.count++;
			long journalId = this.journal.started(caller, attempts.count, sentAt);
			long start = this.nanoTime.getAsLong();
			GeneratedImage image;
			try {
				image = callHolding(request, files);
			}
			catch (RetryableFailure failure) {
				journal(journalId, failure.outcomeUnknown() && !gate.isOpen() ? Outcome.ABANDONED : Outcome.RETRYABLE,
						failure.status(), failure.httpStatus(), failure.outcomeUnknown(), failure.rateLimited());
				spend.settle(expected, failure.outcomeUnknown() ? expected : BigDecimal.ZERO);
				attempts.unknown += failure.outcomeUnknown() ? 1 : 0;
				Duration hint = failure.retryAfter();
				if (hint != null && hint.compareTo(this.retries.stopBeyond()) > 0) {
					throw tooLongToWait(failure, hint);
				}
				if (failure.rateLimited()) {
					attempts.rateLimited++;
					this.rateLimiter.rateLimited(start, failure.retryAfter());
				}
				checkOpen(gate);
				int maxAttempts = this.retries.maxAttempts();
				int limit = failure.maxAttempts() > 0 ? Math.min(failure.maxAttempts(), maxAttempts) : maxAttempts;
				if (attempts.count >= limit) {
					throw new ProductSkippedException("retries-exhausted:" + failure.status(),
							"gave up after " + attempts.count + " attempts: " + failure.getMessage(), attempts.stats(0),
							attempts.first, true, failure);
				}
				// judged, and a 429's pause set for every worker: the slot is free during the backoff
				this.slots.release();
				Duration delay = this.retries.backoff().delay(attempts.count, hint);
				long sleptFrom = this.nanoTime.getAsLong();
				boolean open = this.sleeper.sleep(delay);
				attempts.retryWait += this.nanoTime.getAsLong() - sleptFrom;
				if (!open) {
					throw new CallAbandonedException();
				}
				continue;
			}
			catch (ItemFailure failure) {
				journal(journalId, Outcome.ITEM, failure.status(), 0, false, false);
				spend.settle(expected, BigDecimal.ZERO);
				throw new ProductSkippedException(failure.status(), failure.getMessage(), attempts.stats(0),
						attempts.first, false, failure);
			}
			catch (SystemicFailure failure) {
				journal(journalId, Outcome.SYSTEMIC, failure.status(), 0, false, false);
				spend.settle(expected, BigDecimal.ZERO);
				throw failure;
			}
			catch (LocalWriteException failure) {
				// Our disk, not the provider: another attempt would buy the image again and fail the same way, so
				// there is none. A delivered image was billed even though it could not be saved.
				if (failure.imageDelivered()) {
					journal(journalId, Outcome.UNSAVED, unsavedStatus(failure), 200, false, false);
					spend.settle(expected, expected);
				}
				else {
					journal(journalId, Outcome.SYSTEMIC, unsavedStatus(failure), 0, false, false);
					spend.settle(expected, BigDecimal.ZERO);
				}
				throw failure;
			}
			catch (RuntimeException ex) {
				journal(journalId, Outcome.ABANDONED, ex.getClass().getSimpleName(), 0, true, false);
				spend.settle(expected, expected);
				throw ex;
			}
			long latency = this.nanoTime.getAsLong() - start;
			// commits with the product's chunk: one commit per product fewer; a kill before it leaves the call
			// IN_FLIGHT, possibly billed, and its image is placed from the cache by the restart
			this.journal.deliveredWithChunk(journalId, this.clock.instant());
			this.rateLimiter.succeeded();
			Cost cost = this.costs.cost(request.model(), request.size().wire(), image.usage());
			spend.settle(expected, cost.usd() == null ? expected : cost.usd());
			return new Delivery(image, attempts.stats(latency), cost, journalId);
		}
	}

	/**
	 * The call itself, holding a permit. The permit goes back as soon as the body is on disk, or a retryable failure
	 * goes into its backoff. Any other failure may end the run (a systemic one, a local write error, the fifth identical
	 * rejection, retries exhausted while the provider is down), so it keeps the permit until the processor has judged
	 * it and closed the gate if need be ({@link #releaseHeldSlot}): no worker waiting for a permit starts a call that
	 * failure would have stopped.
	 */
	private GeneratedImage callHolding(ImageRequest request, ImageFiles files) {
		GeneratedImage image = this.client.generate(request, files);
		this.slots.release();
		return image;
	}

	/** Gives back the permit a failed call of this thread still holds; a no-op when it holds none. */
	void releaseHeldSlot() {
		this.slots.release();
	}

	/**
	 * A wait hint no retry should sleep through: the run stops (restartable) and says from when a restart makes sense,
	 * so the workers neither sleep for hours with nothing logged nor burn their attempts against a ban.
	 */
	private SystemicFailure tooLongToWait(RetryableFailure failure, Duration hint) {
		Instant restart = this.clock.instant().plus(hint).truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
		String message = "the provider asks to wait %s before the next request (%s), longer than max-retry-hint (%s): restart after %s (%s). Last answer: %s"
			.formatted(HumanDuration.of(hint), failure.status(), HumanDuration.of(this.retries.stopBeyond()),
					RESTART_TIME.format(restart.atZone(this.retries.zone())), this.retries.zone().getId(),
					failure.getMessage());
		return new SystemicFailure(failure.status() + " long-retry-hint", message, SystemicFailure.Ending.STOP);
	}

	/**
	 * Records that a delivered image was lost before it was kept (the cache could not take it): the call stays
	 * billed, but no result row will ever price it, so the journal does.
	 */
	void unsaved(Delivery delivery, LocalWriteException failure) {
		journal(delivery.journalId(), Outcome.UNSAVED, unsavedStatus(failure), 200, false, false);
	}

	private static String unsavedStatus(LocalWriteException failure) {
		return "local-write: " + failure.reason();
	}

	private static void checkOpen(GenerationGate gate) {
		if (!gate.isOpen()) {
			throw new CallAbandonedException();
		}
	}

	private void reserve(GenerationRun run, BigDecimal expected) {
		RequestBudget requests = run.requests();
		SpendBudget spend = run.spend();
		if (!requests.tryTake()) {
			run.gate().stop("the daily request budget of %d calls (--rpd) is spent; run the same command again tomorrow, or with a larger --rpd, to continue"
				.formatted(requests.limit()));
			throw new CallAbandonedException();
		}
		if (!spend.tryReserve(expected)) {
			requests.giveBack();
			// calls in flight hold their price until they settle: "spent" alone reads $0 when the budget runs out
			// while the first calls are still out
			run.gate().stop(("the cost budget of $%s (--max-cost) would be exceeded by the next call ($%s; $%s is spent"
					+ " or held by calls in flight); run the same command with a larger --max-cost to continue")
				.formatted(spend.limit().toPlainString(), usd(expected), usd(spend.committed())));
			throw new CallAbandonedException();
		}
	}

	private static String usd(BigDecimal amount) {
		return amount.setScale(4, java.math.RoundingMode.HALF_UP).toPlainString();
	}

	private void journal(long id, Outcome outcome, String status, int httpStatus, boolean unknown,
			boolean rateLimited) {
		this.journal.finished(id, outcome, status, httpStatus, unknown, rateLimited, this.clock.instant());
	}

	/** The running tally of one product's attempts. */
	private static final class Attempts {

		Instant first;

		int count;

		int unknown;

		int rateLimited;

		long rateWait;

		long retryWait;

		AttemptStats stats(long latency) {
			return new AttemptStats(this.count, this.unknown, this.rateLimited, this.rateWait, this.retryWait, latency,
					this.first);
		}

	}

}
