package com.catalogimage.generation;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.catalogimage.image.ImageFormat;
import com.catalogimage.image.ImageSize;
import com.catalogimage.provider.GeneratedImage;
import com.catalogimage.provider.ImageClient;
import com.catalogimage.provider.ImageFileSink;
import com.catalogimage.provider.ImageFiles;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.LocalWriteException;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.provider.SystemicFailure;
import com.catalogimage.storage.AttemptJournal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class ProviderCallerTests {

	private static final ImageRequest REQUEST = new ImageRequest("gemini-3.1-flash-image-preview", "a mug", ImageSize.K1,
			"1:1");

	private static final AttemptJournal.Caller WHO = new AttemptJournal.Caller(1, 1, 1, "gemini",
			"gemini-3.1-flash-image-preview");

	/** More permits than any test makes calls: the slots play no part. */
	private static final CallSlots UNLIMITED_SLOTS = new CallSlots(Integer.MAX_VALUE / 2);

	@TempDir
	Path work;

	/** Runs a call that must wait, while the test holds or frees what it waits for. */
	private final ExecutorService worker = Executors.newSingleThreadExecutor();

	private final CurrentRun runs = new CurrentRun();

	/** The gate of the run the caller made last works for. */
	private GenerationGate gate;

	private final AttemptJournal journal = mock(AttemptJournal.class);

	private final List<Duration> sleeps = new ArrayList<>();

	/** The cost budget of the caller made last. */
	private SpendBudget spend;

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

	private final CostCalculator costs = new CostCalculator(new PricingProperties("2026-11-24",
			Map.of("gemini-3.1-flash-image-preview", new PricingProperties.ModelPrice(new BigDecimal("0.50"),
					new BigDecimal("60"), new BigDecimal("3"), Map.of("1K", new BigDecimal("0.067")),
					new BigDecimal("0.5")))));

	@Test
	void retryableFailuresAreRetriedWithBackoffUntilTheImageArrives() throws Exception {
		// given
		ScriptedClient client = new ScriptedClient(this.work).fail(unavailable()).fail(rateLimited(null)).succeed();
		// when
		Delivery delivery = caller(client, 5, 0, null).call(REQUEST, this.work, WHO);
		// then
		assertThat(delivery.stats().attempts()).isEqualTo(3);
		assertThat(delivery.stats().http429()).isEqualTo(1);
		assertThat(this.sleeps).hasSize(2);
		assertThat(delivery.stats().retryWaitNanos()).isPositive();
		assertThat(delivery.cost().basis()).isEqualTo("flat");
		verify(this.journal, times(3)).started(eq(WHO), anyInt(), any());
		verify(this.journal).deliveredWithChunk(anyLong(), any());
	}

	@Test
	void latencyAndEveryWaitAreMeasuredOnTheCallersClock() throws Exception {
		// given: a clock that only moves when the caller waits or a call takes its time (1.5 s each); the provider
		// answers 429 asking for 10 s, then 503, then the image. The 429 halves the adaptive pace to 30 rpm, so the
		// third call also waits for its slot.
		long[] now = { 0 };
		List<Duration> slotWaits = new ArrayList<>();
		RequestRateLimiter limiter = new RequestRateLimiter(
				new RequestRateLimiter.Settings(60, 0, 0.02, true, Duration.ofMinutes(1)), () -> now[0], duration -> {
					slotWaits.add(duration);
					now[0] += duration.toNanos();
					return true;
				});
		ScriptedClient script = new ScriptedClient(this.work).fail(rateLimited(Duration.ofSeconds(10)))
			.fail(unavailable())
			.succeed();
		ImageClient slow = (request, directory) -> {
			now[0] += 1_500_000_000L;
			return script.generate(request, directory);
		};
		begin(0, new SpendBudget(null, BigDecimal.ZERO));
		ProviderCaller caller = new ProviderCaller(slow, limiter, this.runs, this.journal, this.costs,
				new ProviderCaller.Settings(retries(5), UNLIMITED_SLOTS, duration -> {
					this.sleeps.add(duration);
					now[0] += duration.toNanos();
					return true;
				}, this.clock, () -> now[0]));
		// when
		Delivery delivery = caller.call(REQUEST, this.work, WHO);
		// then: to the nanosecond, the backoff is the retry wait, what the limiter held back is the rate wait, and the
		// last call's 1.5 s is the latency
		assertThat(this.sleeps).hasSize(2);
		assertThat(this.sleeps.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
		assertThat(slotWaits).isNotEmpty();
		long backoff = this.sleeps.stream().mapToLong(Duration::toNanos).sum();
		long rateWait = slotWaits.stream().mapToLong(Duration::toNanos).sum();
		assertThat(delivery.stats().retryWaitNanos()).isEqualTo(backoff);
		assertThat(delivery.stats().rateWaitNanos()).isEqualTo(rateWait);
		assertThat(delivery.stats().apiLatencyNanos()).isEqualTo(1_500_000_000L);
		assertThat(now[0]).isEqualTo(3 * 1_500_000_000L + backoff + rateWait);
	}

	@Test
	void aServerRetryHintIsAFloorForTheWait() throws Exception {
		ScriptedClient client = new ScriptedClient(this.work).fail(rateLimited(Duration.ofMillis(45_800))).succeed();
		caller(client, 5, 0, null).call(REQUEST, this.work, WHO);
		assertThat(this.sleeps).singleElement().satisfies(wait -> assertThat(wait).isGreaterThanOrEqualTo(Duration.ofMillis(45_800)));
	}

	@Test
	void aServerRetryHintBeyondTheCapIsWaitedForOnlyUpToTheCap() throws Exception {
		ScriptedClient client = new ScriptedClient(this.work).fail(rateLimited(Duration.ofMinutes(5))).succeed();
		caller(client, 5, 0, null).call(REQUEST, this.work, WHO);
		assertThat(this.sleeps).singleElement()
			.satisfies(wait -> assertThat(wait).isBetween(Duration.ofSeconds(60), Duration.ofMillis(60_100)));
	}

	@Test
	void aServerRetryHintOfHoursStopsTheRunWithTheTimeToRestart() {
		// the Cloudflare 429 in front of api.openai.com: retry-after: 54749 (15 hours)
		ScriptedClient client = new ScriptedClient(this.work)
			.fail(rateLimited(Duration.ofSeconds(54_749)))
			.succeed();
		assertThatThrownBy(() -> caller(client, 5, 0, null).call(REQUEST, this.work, WHO))
			.isInstanceOfSatisfying(SystemicFailure.class, stop -> {
				assertThat(stop.ending()).isEqualTo(SystemicFailure.Ending.STOP);
				// 10:00 UTC is 11:00 in Berlin; 15 h 12 min 29 s later, rounded up to the minute
				assertThat(stop.getMessage()).contains("wait 15 h 12 min 29 s")
					.contains("longer than max-retry-hint (10 min)")
					.contains("restart after 2026-11-25 02:13 (Europe/Berlin)");
			});
		assertThat(client.calls).isEqualTo(1);
		assertThat(this.sleeps).isEmpty();
	}

	@Test
	void exhaustedRetriesSkipTheProductWithTheLastStatusAndCountUnknownOutcomes() {
		ScriptedClient client = new ScriptedClient(this.work).fail(timeout()).fail(timeout()).fail(unavailable());
		assertThatThrownBy(() -> caller(client, 3, 0, null).call(REQUEST, this.work, WHO))
			.isInstanceOfSatisfying(ProductSkippedException.class, skip -> {
				assertThat(skip.reason()).isEqualTo("retries-exhausted:503 UNAVAILABLE");
				assertThat(skip.retriesExhausted()).isTrue();
				assertThat(skip.stats().attempts()).isEqualTo(3);
				assertThat(skip.stats().attemptsUnknown()).isEqualTo(2);
			});
	}

	@Test
	void answersWithoutAnImageAreRetriedAtMostTheirOwnLimit() {
		RetryableFailure noImage = new RetryableFailure("no-image:STOP", "no image", 200, null, false, 3, null);
		ScriptedClient client = new ScriptedClient(this.work).fail(noImage).fail(noImage).fail(noImage).succeed();
		assertThatThrownBy(() -> caller(client, 5, 0, null).call(REQUEST, this.work, WHO))
			.isInstanceOf(ProductSkippedException.class);
		assertThat(client.calls).isEqualTo(3);
	}

	@Test
	void itemFailuresAreNotRetried() {
		ScriptedClient client = new ScriptedClient(this.work).fail(new ItemFailure("IMAGE_SAFETY", "blocked"));
		assertThatThrownBy(() -> caller(client, 5, 0, null).call(REQUEST, this.work, WHO))
			.isInstanceOfSatisfying(ProductSkippedException.class, skip -> {
				assertThat(skip.reason()).isEqualTo("IMAGE_SAFETY");
				assertThat(skip.retriesExhausted()).isFalse();
			});
		assertThat(client.calls).isEqualTo(1);
	}

	@Test
	void systemicFailuresPropagateAtOnce() {
		ScriptedClient client = new ScriptedClient(this.work)
			.fail(new SystemicFailure("401", "bad key", SystemicFailure.Ending.FAIL));
		assertThatThrownBy(() -> caller(client, 5, 0, null).call(REQUEST, this.work, WHO))
			.isInstanceOf(SystemicFailure.class);
		assertThat(client.calls).isEqualTo(1);
	}

	@Test
	void aDeliveredImageThatCannotBeSavedIsNotBoughtAgainAndCountsAsSpent() {
		// given: our disk is full when the first answer's image is written; the provider would answer again
		ScriptedClient client = new ScriptedClient(this.work)
			.fail(LocalWriteException.deliveredImage(this.work.resolve("image-1.part"),
					new IOException("No space left on device")))
			.succeed();
		ProviderCaller caller = caller(client, 5, 0, new BigDecimal("10"));
		// when / then
		assertThatThrownBy(() -> caller.call(REQUEST, this.work, WHO)).isInstanceOf(LocalWriteException.class);
		assertThat(client.calls).as("no second call").isEqualTo(1);
		assertThat(this.sleeps).isEmpty();
		verify(this.journal).finished(anyLong(), eq(AttemptJournal.Outcome.UNSAVED),
				eq("local-write: No space left on device"), eq(200), eq(false), eq(false), any());
		assertThat(this.spend.spent()).as("billed at the flat price").isEqualByComparingTo("0.067");
	}

	@Test
	void aRequestFileThatCannotBeWrittenIsNotRetriedAndCostsNothing() {
		ScriptedClient client = new ScriptedClient(this.work)
			.fail(LocalWriteException.of(this.work.resolve("request-1.json"), new IOException("Read-only file system")))
			.succeed();
		ProviderCaller caller = caller(client, 5, 0, new BigDecimal("10"));
		assertThatThrownBy(() -> caller.call(REQUEST, this.work, WHO)).isInstanceOf(LocalWriteException.class);
		assertThat(client.calls).isEqualTo(1);
		verify(this.journal).finished(anyLong(), eq(AttemptJournal.Outcome.SYSTEMIC), any(), anyInt(), eq(false),
				eq(false), any());
		assertThat(this.spend.spent()).isEqualByComparingTo("0");
	}

	@Test
	void aSpentDailyRequestBudgetStopsTheJobBeforeTheCall() throws Exception {
		ScriptedClient client = new ScriptedClient(this.work).succeed().succeed();
		ProviderCaller caller = caller(client, 5, 1, null);
		caller.call(REQUEST, this.work, WHO);
		assertThatThrownBy(() -> caller.call(REQUEST, this.work, WHO)).isInstanceOf(CallAbandonedException.class);
		assertThat(client.calls).isEqualTo(1);
		assertThat(this.gate.state()).isEqualTo(GenerationGate.State.STOPPING);
		assertThat(this.gate.reason()).contains("--rpd");
	}

	@Test
	void aCallThatWouldExceedTheCostBudgetIsNotMade() throws Exception {
		// 0.067 per image flat: two fit in 0.15, the third does not
		ScriptedClient client = new ScriptedClient(this.work).succeed().succeed().succeed();
		ProviderCaller caller = caller(client, 5, 0, new BigDecimal("0.15"));
		caller.call(REQUEST, this.work, WHO);
		caller.call(REQUEST, this.work, WHO);
		assertThatThrownBy(() -> caller.call(REQUEST, this.work, WHO)).isInstanceOf(CallAbandonedException.class);
		assertThat(client.calls).isEqualTo(2);
		assertThat(this.gate.reason()).contains("--max-cost");
	}

	@Test
	void theBudgetStopSaysWhatCallsInFlightHoldNotJustWhatIsSettled() throws Exception {
		// given: a budget of $0.10 and another worker's call in flight holding its $0.067
		SpendBudget budget = new SpendBudget(new BigDecimal("0.10"), BigDecimal.ZERO);
		assertThat(budget.tryReserve(new BigDecimal("0.067"))).isTrue();
		begin(0, budget);
		ScriptedClient client = new ScriptedClient(this.work).succeed();
		ProviderCaller caller = new ProviderCaller(client, new RequestRateLimiter(60_000, 0), this.runs, this.journal,
				this.costs, new ProviderCaller.Settings(retries(5), UNLIMITED_SLOTS, duration -> true, this.clock));
		// when
		assertThatThrownBy(() -> caller.call(REQUEST, this.work, WHO)).isInstanceOf(CallAbandonedException.class);
		// then: nothing is settled yet, but the stop line must not read "$0.0000 spent"
		assertThat(client.calls).isZero();
		assertThat(this.gate.reason()).isEqualTo("the cost budget of $0.10 (--max-cost) would be exceeded by the next"
				+ " call ($0.0670; $0.0670 is spent or held by calls in flight); run the same command with a larger"
				+ " --max-cost to continue");
	}

	@Test
	void aGateClosedDuringBackoffAbandonsTheProduct() {
		ScriptedClient client = new ScriptedClient(this.work).fail(unavailable()).succeed();
		begin(0, new SpendBudget(null, BigDecimal.ZERO));
		ProviderCaller caller = new ProviderCaller(client, new RequestRateLimiter(60_000, 0), this.runs, this.journal,
				this.costs, new ProviderCaller.Settings(retries(5), UNLIMITED_SLOTS, duration -> {
					this.gate.stop("shutdown");
					return false;
				}, this.clock));
		assertThatThrownBy(() -> caller.call(REQUEST, this.work, WHO)).isInstanceOf(CallAbandonedException.class);
		assertThat(client.calls).isEqualTo(1);
	}

	@Test
	void aCallHoldsItsSlotOnlyWhileItsRequestRunsSoTheNextWorkerCallsAsSoonAsTheBodyIsIn() throws Exception {
		// given: one call slot; the first call is held inside the provider until released
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger mostInside = new AtomicInteger();
		ScriptedClient script = new ScriptedClient(this.work).succeed().succeed();
		ImageClient held = (request, directory) -> {
			mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
			try {
				if (!release.await(10, TimeUnit.SECONDS)) {
					throw new IllegalStateException("never released");
				}
				return script.generate(request, directory);
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
			finally {
				inside.decrementAndGet();
			}
		};
		CallSlots slots = new CallSlots(1);
		begin(0, new SpendBudget(null, BigDecimal.ZERO));
		ProviderCaller caller = new ProviderCaller(held, new RequestRateLimiter(60_000, 0), this.runs, this.journal,
				this.costs, new ProviderCaller.Settings(retries(5), slots, duration -> true, this.clock));
		ExecutorService workers = Executors.newFixedThreadPool(2);
		try {
			Future<Delivery> first = workers.submit(() -> caller.call(REQUEST, this.work, WHO));
			await().atMost(Duration.ofSeconds(10)).until(() -> inside.get() == 1);
			// when: a second worker wants to call while the first call is in flight
			AtomicReference<Thread> second = new AtomicReference<>();
			Future<Delivery> next = workers.submit(() -> {
				second.set(Thread.currentThread());
				return caller.call(REQUEST, this.work, WHO);
			});
			await().atMost(Duration.ofSeconds(10))
				.until(() -> second.get() != null && second.get().getState() == Thread.State.TIMED_WAITING);
			assertThat(slots.inFlight()).isEqualTo(1);
			release.countDown();
			// then: both deliver, never two calls at once, and every permit is back
			assertThat(first.get(10, TimeUnit.SECONDS).image()).isNotNull();
			assertThat(next.get(10, TimeUnit.SECONDS).image()).isNotNull();
			assertThat(mostInside.get()).isEqualTo(1);
			assertThat(slots.inFlight()).isZero();
		}
		finally {
			workers.shutdownNow();
		}
	}

	@Test
	void aSkippedProductsSlotGoesBackOnceItsSkipIsJudged() throws Exception {
		CallSlots slots = new CallSlots(1);
		begin(0, new SpendBudget(null, BigDecimal.ZERO));
		ScriptedClient client = new ScriptedClient(this.work)
			.fail(new ItemFailure("IMAGE_SAFETY", "blocked"))
			.succeed();
		ProviderCaller caller = new ProviderCaller(client, new RequestRateLimiter(60_000, 0), this.runs, this.journal,
				this.costs, new ProviderCaller.Settings(retries(5), slots, duration -> true, this.clock));
		assertThatThrownBy(() -> caller.call(REQUEST, this.work, WHO)).isInstanceOf(ProductSkippedException.class);
		// the fifth identical rejection would close the gate: the processor judges before the slot is free
		assertThat(slots.inFlight()).isEqualTo(1);
		caller.releaseHeldSlot();
		assertThat(slots.inFlight()).isZero();
		assertThat(caller.call(REQUEST, this.work, WHO).image()).isNotNull();
		assertThat(slots.inFlight()).isZero();
	}

	@Test
	void aFailureThatMayEndTheRunKeepsItsSlotUntilTheGateHadItsSay() throws Exception {
		// given: one slot; the provider refuses the key (systemic: the processor closes the gate)
		CallSlots slots = new CallSlots(1);
		begin(0, new SpendBudget(null, BigDecimal.ZERO));
		ProviderCaller caller = new ProviderCaller(
				new ScriptedClient(this.work).fail(new SystemicFailure("401 UNAUTHENTICATED", "bad key", SystemicFailure.Ending.FAIL)),
				new RequestRateLimiter(60_000, 0), this.runs, this.journal, this.costs,
				new ProviderCaller.Settings(retries(5), slots, duration -> true, this.clock));
		// when
		assertThatThrownBy(() -> caller.call(REQUEST, this.work, WHO)).isInstanceOf(SystemicFailure.class);
		// then: no waiting worker can start a call before the gate closes; once it has, a waiting worker gets no call
		assertThat(slots.inFlight()).isEqualTo(1);
		this.gate.fail("401 UNAUTHENTICATED");
		caller.releaseHeldSlot();
		assertThat(slots.inFlight()).isZero();
		assertThat(slots.acquire(this.gate)).isFalse();
	}

	@Test
	void aWorkerWaitingForASlotLeavesWhenTheGateCloses() throws Exception {
		CallSlots slots = new CallSlots(1);
		ProviderCaller caller = callerOnTakenSlot(slots);
		Future<Delivery> waiting = this.worker.submit(() -> caller.call(REQUEST, this.work, WHO));
		this.gate.stop("shutdown requested");
		assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CallAbandonedException.class);
		assertThat(slots.inFlight()).as("only the permit taken by hand").isEqualTo(1);
	}

	@Test
	void theImageFileIsMadeWhileTheCallWaitsForItsSlotAndTheImageArrivesIntoIt() throws Exception {
		// given: the only call slot is taken
		CallSlots slots = new CallSlots(1);
		ProviderCaller caller = callerOnTakenSlot(slots);
		// when: a product's call waits for the slot
		Future<Delivery> call = this.worker.submit(() -> caller.call(REQUEST, this.work, WHO));
		// then: its image file is made before the slot comes free
		await().atMost(10, TimeUnit.SECONDS).until(() -> partFiles().size() == 1);
		Path prepared = partFiles().get(0);
		assertThat(call).isNotDone();
		verify(this.journal, never()).started(any(), anyInt(), any());
		// when: the slot comes free
		slots.release();
		// then: the image was written into that file, and no other file was made
		Delivery delivery = call.get(10, TimeUnit.SECONDS);
		assertThat(delivery.image().file()).isEqualTo(prepared);
		assertThat(partFiles()).containsExactly(prepared);
	}

	@Test
	void anUnwritableWorkFolderEndsTheCallBeforeAnythingIsSentOrPaid() throws Exception {
		// given: where the work folder should be, a file
		Path file = Files.writeString(this.work.resolve("work"), "not a folder");
		ScriptedClient client = new ScriptedClient(this.work).succeed();
		ProviderCaller caller = caller(client, 5, 0, null);
		// when / then: the folder's fault, no image was delivered, nothing was sent, nothing was held or spent
		assertThatThrownBy(() -> caller.call(REQUEST, file.resolve("images"), WHO))
			.isInstanceOfSatisfying(LocalWriteException.class,
					failure -> assertThat(failure.imageDelivered()).as("billed").isFalse());
		assertThat(client.calls).isZero();
		verify(this.journal, never()).started(any(), anyInt(), any());
		assertThat(this.spend.committed()).isZero();
	}

	@Test
	void theFileMadeForAnImageIsReusedByTheRetriesAndDeletedWhenNoImageCame() throws Exception {
		// given: two 503s, then the provider refuses the product
		ScriptedClient client = new ScriptedClient(this.work).fail(unavailable())
			.fail(unavailable())
			.fail(new ItemFailure("400 INVALID_ARGUMENT", "bad prompt"));
		// when
		assertThatThrownBy(() -> caller(client, 5, 0, null).call(REQUEST, this.work, WHO))
			.isInstanceOf(ProductSkippedException.class);
		// then: three attempts, and no image file left behind
		assertThat(client.calls).isEqualTo(3);
		assertThat(partFiles()).isEmpty();
	}

	/** A caller whose next call would deliver an image, on one call slot that this thread has taken. */
	private ProviderCaller callerOnTakenSlot(CallSlots slot) throws InterruptedException {
		begin(0, new SpendBudget(null, BigDecimal.ZERO));
		ProviderCaller caller = new ProviderCaller(new ScriptedClient(this.work).succeed(),
				new RequestRateLimiter(60_000, 0), this.runs, this.journal, this.costs,
				new ProviderCaller.Settings(retries(5), slot, duration -> true, this.clock));
		assertThat(slot.size()).isOne();
		assertThat(slot.acquire(this.gate)).isTrue();
		return caller;
	}

	private List<Path> partFiles() throws IOException {
		try (var files = Files.list(this.work)) {
			return files.filter(file -> file.getFileName().toString().endsWith(".part")).toList();
		}
	}

	@AfterEach
	void stopWorker() {
		this.worker.shutdownNow();
	}

	private ProviderCaller caller(ImageClient client, int maxAttempts, long rpd, BigDecimal maxCost) {
		begin(rpd, new SpendBudget(maxCost, BigDecimal.ZERO));
		return new ProviderCaller(client, new RequestRateLimiter(60_000, 0), this.runs, this.journal, this.costs,
				new ProviderCaller.Settings(retries(maxAttempts), UNLIMITED_SLOTS, duration -> {
					this.sleeps.add(duration);
					return true;
				}, this.clock));
	}

	/** Starts the run the next calls are made for, with a daily request budget and a cost budget. */
	private void begin(long rpd, SpendBudget spend) {
		this.spend = spend;
		GenerationRun run = new GenerationRun(1, new SkipLimit(0, Long.MAX_VALUE), new ProviderHealth(10, 4, 0.5),
				new RepeatedRejections(0),
				new RequestBudget(rpd, ZoneId.of("America/Los_Angeles"), this.clock, since -> 0L), spend);
		this.runs.begin(run);
		this.gate = run.gate();
	}

	/** Backoff from 100 ms to a 60 s cap; hints over 10 minutes stop the run. */
	private static ProviderCaller.Retries retries(int maxAttempts) {
		return new ProviderCaller.Retries(maxAttempts, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(60),
				new Random(7)), Duration.ofMinutes(10), ZoneId.of("Europe/Berlin"));
	}

	private static RetryableFailure unavailable() {
		return new RetryableFailure("503 UNAVAILABLE", "overloaded", 503, null);
	}

	private static RetryableFailure rateLimited(Duration hint) {
		return new RetryableFailure("429 RESOURCE_EXHAUSTED", "slow down", 429, hint);
	}

	private static RetryableFailure timeout() {
		return new RetryableFailure("timeout", "no answer", 0, null, true, 0, null);
	}

	/** Answers calls from a script: failures to throw, or an image. */
	static final class ScriptedClient implements ImageClient {

		private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

		private final Deque<Object> script = new ArrayDeque<>();

		private final Path work;

		int calls;

		ScriptedClient(Path work) {
			this.work = work;
		}

		ScriptedClient fail(RuntimeException failure) {
			this.script.add(failure);
			return this;
		}

		ScriptedClient succeed() {
			this.script.add("image");
			return this;
		}

		@Override
		public GeneratedImage generate(ImageRequest request, ImageFiles files) {
			this.calls++;
			Object next = this.script.removeFirst();
			if (next instanceof RuntimeException failure) {
				throw failure;
			}
			// the image arrives into the next file, as the real clients' readers write it
			ImageFileSink sink = ImageFileSink.create(files);
			try {
				sink.write(PNG_SIGNATURE, 0, PNG_SIGNATURE.length);
				sink.close();
			}
			catch (IOException ex) {
				sink.discard();
				throw new java.io.UncheckedIOException(ex);
			}
			return new GeneratedImage(sink.file(), ImageFormat.PNG, sink.count(), sink.sha256Hex(), null);
		}

	}

}
