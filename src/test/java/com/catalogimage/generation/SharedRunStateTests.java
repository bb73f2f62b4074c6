package com.catalogimage.generation;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.catalog.ProductStatus;
import com.catalogimage.image.ImageSize;
import com.catalogimage.provider.ImageClient;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.simulator.ManualClock;
import com.catalogimage.storage.AttemptJournal;
import com.catalogimage.storage.ImageManifest;
import com.catalogimage.storage.ResultRepository;
import com.catalogimage.support.Database;
import com.catalogimage.support.MigratedDatabase;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.mockito.Mockito.mock;

/**
 * Workers in several processes share one run through the database (imagebatch.remote.enabled): each {@link Worker}
 * here is what one JVM has (its own identity, {@link CurrentRun}, claiming feed and leases), all on one database, as
 * two worker JVMs would be. Before the shared run, each JVM's run was its own: the in-memory feed handed every product
 * to every JVM, a gate closed or a budget spent in one was unknown to the others, and deferred skips stayed in the
 * memory of the JVM that deferred them.
 */
class SharedRunStateTests {

	/** One PostgreSQL database for the class; each test has a job instance and executions of its own in it. */
	private static HikariDataSource postgres;

	private static final AtomicLong RUNS = new AtomicLong();

	private final long instance = RUNS.incrementAndGet();

	private final long execution = 1000 * this.instance;

	private static final String MODEL = "gemini-3.1-flash-image-preview";

	private static final Duration LEASE = Duration.ofMinutes(2);

	private static final CostCalculator COSTS = new CostCalculator(new PricingProperties("2026-11-24",
			Map.of(MODEL, new PricingProperties.ModelPrice(new BigDecimal("0.50"), new BigDecimal("60"),
					new BigDecimal("3"), Map.of("1K", new BigDecimal("0.067")), new BigDecimal("0.5")))));

	@TempDir
	Path work;

	private JdbcTemplate jdbc;

	private PlatformTransactionManager transactions;

	private CatalogItemRepository items;

	private final List<ClaimLeases> leases = new ArrayList<>();

	@AfterEach
	void close() {
		this.leases.forEach(ClaimLeases::close);
	}

	@AfterAll
	static void closePool() {
		if (postgres != null) {
			postgres.close();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "postgresql", "h2" })
	void twoProcessesReadingFromSeveralThreadsAreHandedEachProductExactlyOnce(String kind) throws Exception {
		// given: two worker JVMs of one execution, four slots each, claiming two products at a time
		use(kind);
		List<Long> ids = stage(300);
		Worker first = new Worker("a", Clock.systemUTC(), 2, spinning());
		Worker second = new Worker("b", Clock.systemUTC(), 2, spinning());
		first.open(properties(null, 0));
		second.open(properties(null, 0));
		ConcurrentLinkedQueue<Long> handedOut = new ConcurrentLinkedQueue<>();
		ExecutorService slots = Executors.newFixedThreadPool(8);
		List<Future<?>> done = new ArrayList<>();
		try {
			// when: every slot reads and records its product's result until the feed runs dry
			for (int slot = 0; slot < 8; slot++) {
				Worker worker = slot % 2 == 0 ? first : second;
				done.add(slots.submit(() -> {
					CatalogItem item;
					while ((item = worker.feed.read()) != null) {
						handedOut.add(item.id());
						// a result moves the product out of PENDING; it fails loudly if the product was not PENDING
						this.items.finish(item.id(), ProductStatus.GENERATED, null);
					}
					return null;
				}));
			}
			for (Future<?> slot : done) {
				slot.get(2, TimeUnit.MINUTES);
			}
		}
		finally {
			slots.shutdownNow();
		}
		// then
		assertThat(handedOut).hasSize(ids.size()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
		assertThat(this.items.countByStatus(this.instance).get(ProductStatus.PENDING)).isZero();
	}

	@Test
	void aWorkerThatStopsRenewingLosesItsProductsToAnotherOnceItsLeaseExpired() throws Exception {
		// given: worker a claims all three products and starts the first; worker b finds nothing to claim
		use("postgresql");
		List<Long> ids = stage(3);
		ManualClock clock = new ManualClock();
		Instant start = clock.instant();
		Worker holder = new Worker("a", clock, 3, noWaiting());
		holder.open(properties(null, 0));
		CatalogItem started = holder.feed.read();
		assertThat(started.id()).isEqualTo(ids.get(0));
		AtomicInteger polls = new AtomicInteger();
		boolean[] renewing = { true };
		Worker taker = new Worker("b", clock, 3, duration -> {
			// b waits for the products a holds; meanwhile time passes and a renews its leases, as long as it lives
			clock.advance(Duration.ofSeconds(10));
			if (renewing[0]) {
				assertThat(holder.leases.renew()).as("one statement renews all three").isEqualTo(3);
			}
			return polls.incrementAndGet() < 30;
		});
		taker.open(properties(null, 0));
		// when / then: while a renews, five minutes pass and b gets none of its products
		assertThat(taker.feed.read()).isNull();
		assertThat(Duration.between(start, clock.instant())).isGreaterThan(LEASE.multipliedBy(2));
		// when: a dies (stops renewing)
		renewing[0] = false;
		polls.set(0);
		Instant died = clock.instant();
		CatalogItem taken = taker.feed.read();
		// then: b claims a's products, the one a had started first, once a's last lease expired
		assertThat(taken.id()).isEqualTo(ids.get(0));
		assertThat(Duration.between(died, clock.instant())).isGreaterThanOrEqualTo(LEASE.minus(Duration.ofSeconds(10)));
		assertThat(claimedBy(ids.get(2))).isEqualTo(taker.identity.value());
	}

	@Test
	void aProcessHoldingProductsRenewsItsLeasesOnItsOwn() throws Exception {
		// given: a lease of 300 ms, renewed every 100 ms by the process's renewing thread
		use("postgresql");
		List<Long> ids = stage(1);
		WorkerIdentity identity = new WorkerIdentity("host:renewing:" + this.instance);
		ClaimLeases renewing = new ClaimLeases(this.items, identity, Duration.ofMillis(300), Clock.systemUTC(),
				new OutsideChunk(this.transactions));
		this.leases.add(renewing);
		CurrentRun runs = new CurrentRun();
		runs.begin(new Worker("opener", Clock.systemUTC(), 1, noWaiting()).factory(properties(null, 0))
			.open(this.instance, this.execution, new JobParameters()));
		ClaimingItemFeed feed = new ClaimingItemFeed(this.items, runs, renewing, Clock.systemUTC(),
				new OutsideChunk(this.transactions), 1, Duration.ofSeconds(5), noWaiting());
		// when: it claims the product and works on it
		assertThat(feed.read().id()).isEqualTo(ids.get(0));
		Instant claimedUntil = expiresAt(ids.get(0));
		// then: its lease moves on without anyone asking
		await().atMost(Duration.ofSeconds(20)).until(() -> expiresAt(ids.get(0)).isAfter(claimedUntil));
		assertThat(claimedBy(ids.get(0))).isEqualTo(identity.value());
	}

	@Test
	void claimsGoBackWhenTheGateClosesAndWhenTheProcessesLastStepEnds() throws Exception {
		// given: worker a claims three products and starts the first
		use("postgresql");
		List<Long> ids = stage(3);
		Worker holder = new Worker("a", Clock.systemUTC(), 3, noWaiting());
		holder.open(properties(null, 0));
		holder.feed.stepStarted();
		holder.feed.stepStarted();
		assertThat(holder.feed.read().id()).isEqualTo(ids.get(0));
		// when: its gate closes
		holder.run.gate().stop("shutdown requested");
		assertThat(holder.feed.read()).isNull();
		// then: the two it never started go back at once; the started one stays its own while a step still runs
		assertThat(claimedBy(ids.get(1))).isNull();
		assertThat(claimedBy(ids.get(2))).isNull();
		assertThat(claimedBy(ids.get(0))).isEqualTo(holder.identity.value());
		holder.feed.stepEnded();
		assertThat(claimedBy(ids.get(0))).isEqualTo(holder.identity.value());
		// when: its last step ends
		holder.feed.stepEnded();
		// then: a new execution's worker takes it at once, with no lease to wait for (noWaiting fails the test if it
		// waits)
		Worker next = new Worker("b", Clock.systemUTC(), 1, noWaiting());
		next.runs.begin(next.factory(properties(null, 0)).open(this.instance, this.execution + 1, new JobParameters()));
		assertThat(next.feed.read().id()).isEqualTo(ids.get(0));
	}

	@Test
	void aProcessThatLeavesClosesOnlyItsOwnGateAndHandsBackItsUnstartedClaimsAtOnce() throws Exception {
		// given: two worker processes of one execution; a has claimed three products and started the first
		use("postgresql");
		List<Long> ids = stage(3);
		ManualClock clock = new ManualClock();
		Worker leaver = new Worker("a", clock, 3, noWaiting());
		Worker stayer = new Worker("b", clock, 1, noWaiting());
		leaver.open(properties(null, 0));
		stayer.open(properties(null, 0));
		leaver.feed.stepStarted();
		assertThat(leaver.feed.read().id()).isEqualTo(ids.get(0));
		// when: a leaves the run (its SIGTERM)
		new LeavingProcess(leaver.runs, leaver.feed).leave("this worker was told to stop");
		// then: a starts nothing more, its slots end as left (not stopped), and the two it never started are back now
		assertThat(leaver.run.gate().isOpen()).isFalse();
		assertThat(leaver.run.gate().state()).isEqualTo(GenerationGate.State.LEAVING);
		assertThat(leaver.feed.read()).isNull();
		assertThat(claimedBy(ids.get(1))).isNull();
		assertThat(claimedBy(ids.get(2))).isNull();
		assertThat(claimedBy(ids.get(0))).as("in flight: still its own").isEqualTo(leaver.identity.value());
		// and the run goes on: the row stays open, b's gate stays open and b takes the products a gave back
		clock.advance(SharedRunFactory.MAX_AGE);
		assertThat(stayer.run.gate().isOpen()).isTrue();
		assertThat(stayer.feed.read().id()).isEqualTo(ids.get(1));
		// and a stop of the run met while a leaves still decides how a's steps end
		stayer.run.gate().stop("the cost budget would be exceeded");
		clock.advance(SharedRunFactory.MAX_AGE);
		assertThat(leaver.run.gate().state()).isEqualTo(GenerationGate.State.STOPPING);
		assertThat(leaver.run.gate().reason()).isEqualTo("the cost budget would be exceeded");
	}

	@Test
	void aGateClosedByOneProcessClosesEveryProcesssGateWithTheFirstReason() throws Exception {
		// given: two worker JVMs of one execution, whose gates read the shared row at most once a second
		use("postgresql");
		stage(1);
		ManualClock clock = new ManualClock();
		Worker first = new Worker("a", clock, 1, noWaiting());
		Worker second = new Worker("b", clock, 1, noWaiting());
		first.open(properties(null, 0));
		second.open(properties(null, 0));
		assertThat(second.run.gate().isOpen()).isTrue();
		// when: a meets a bad key
		first.run.gate().fail("401 UNAUTHENTICATED (product SKU-1): API key not valid");
		// then: b sees it within a second, and its own later reason does not replace the first
		assertThat(second.run.gate().isOpen()).as("read less than a second ago").isTrue();
		clock.advance(SharedRunFactory.MAX_AGE);
		assertThat(second.run.gate().isOpen()).isFalse();
		assertThat(second.run.gate().state()).isEqualTo(GenerationGate.State.FAILING);
		second.run.gate().stop("shutdown requested");
		assertThat(second.run.gate().reason()).startsWith("401 UNAUTHENTICATED");
		// and a third process of the execution, opened later, starts closed
		Worker late = new Worker("c", clock, 1, noWaiting());
		late.open(properties(null, 0));
		assertThat(late.run.gate().isOpen()).isFalse();
	}

	@Test
	void aWorkerWaitingToRetryWakesUpWhenAnotherProcessClosesTheGate() throws Exception {
		// given: worker b waits a minute for its next attempt
		use("postgresql");
		stage(1);
		Worker first = new Worker("a", Clock.systemUTC(), 1, noWaiting());
		Worker second = new Worker("b", Clock.systemUTC(), 1, noWaiting());
		first.open(properties(null, 0));
		second.open(properties(null, 0));
		ExecutorService waiting = Executors.newSingleThreadExecutor();
		try {
			CountDownLatch asleep = new CountDownLatch(1);
			Future<Boolean> open = waiting.submit(() -> {
				asleep.countDown();
				return second.run.gate().awaitOpenFor(Duration.ofMinutes(1));
			});
			asleep.await();
			// when: a stops the run
			first.run.gate().stop("the daily request budget of 10 calls (--rpd) is spent");
			// then: b wakes up long before its minute is over, told the gate is closed
			assertThat(open.get(30, TimeUnit.SECONDS)).isFalse();
			assertThat(second.run.gate().reason()).contains("--rpd");
		}
		finally {
			waiting.shutdownNow();
		}
	}

	@Test
	void deferredSkipsOfWorkerProcessesAreSettledByTheManagerOnceTheStepEnded() throws Exception {
		// given: the manager opened the execution's run; a worker process defers the first product (retries
		// exhausted) and generates the second
		use("postgresql");
		List<Long> ids = stage(2);
		Worker manager = new Worker("manager", Clock.systemUTC(), 1, noWaiting());
		StepExecution step = managerStep();
		GenerateStepListener listener = manager.managerListener(properties(null, 0));
		listener.beforeStep(step);
		Worker worker = new Worker("worker", Clock.systemUTC(), 1, noWaiting());
		SharedWorkerStepListener workerListener = new SharedWorkerStepListener(worker.runs,
				worker.factory(properties(null, 0)), worker.feed);
		workerListener.beforeStep(new StepExecution(2, "generateImages.worker0", step.getJobExecution()));
		CatalogItem deferred = worker.feed.read();
		worker.runs.get().skips().take();
		worker.runs.get().deferred().add(deferred, retriesExhausted());
		CatalogItem next = worker.feed.read();
		assertThat(next.id()).as("the deferred product is not handed out again").isEqualTo(ids.get(1));
		this.items.finish(next.id(), ProductStatus.GENERATED, null);
		assertThat(worker.feed.read()).isNull();
		workerListener.afterStep(new StepExecution(2, "generateImages.worker0", step.getJobExecution()));
		assertThat(status(deferred.id())).as("pending until the verdict").isEqualTo("PENDING");
		// when: every partition has ended and the manager step ends
		StepSynchronizationManager.register(step);
		try {
			listener.afterStep(step);
		}
		finally {
			StepSynchronizationManager.close();
		}
		// then
		assertThat(status(deferred.id())).isEqualTo("SKIPPED");
		assertThat(this.jdbc.queryForObject("select reason from generation_result where item_id = ?", String.class,
				deferred.id())).isEqualTo("retries-exhausted:503 UNAVAILABLE");
	}

	@Test
	void deferredSkipsStayPendingForTheRestartWhenTheRunFailed() throws Exception {
		// given: a worker deferred a product, then another process found the provider failing
		use("postgresql");
		List<Long> ids = stage(1);
		Worker manager = new Worker("manager", Clock.systemUTC(), 1, noWaiting());
		StepExecution step = managerStep();
		GenerateStepListener listener = manager.managerListener(properties(null, 0));
		listener.beforeStep(step);
		Worker worker = new Worker("worker", Clock.systemUTC(), 1, noWaiting());
		worker.open(properties(null, 0));
		worker.run.deferred().add(worker.feed.read(), retriesExhausted());
		worker.feed.stepStarted();
		worker.feed.stepEnded();
		Worker other = new Worker("other", Clock.systemUTC(), 1, noWaiting());
		other.open(properties(null, 0));
		other.run.gate().fail("the provider is failing");
		// when
		listener.afterStep(step);
		// then: the manager knows both the failure and the deferral, and leaves the product for the restart, whose
		// worker claims it again
		assertThat(manager.runs.reason()).isEqualTo("the provider is failing");
		assertThat(this.items.deferred(this.execution)).singleElement()
			.satisfies(deferral -> assertThat(deferral.item().id()).isEqualTo(ids.get(0)));
		assertThat(status(ids.get(0))).isEqualTo("PENDING");
		Worker restarted = new Worker("restart", Clock.systemUTC(), 1, noWaiting());
		restarted.runs.begin(restarted.factory(properties(null, 0)).open(this.instance, this.execution + 1, new JobParameters()));
		assertThat(restarted.feed.read().id()).isEqualTo(ids.get(0));
	}

	@Test
	void theSkipLimitCountsTheSkipsOfEveryProcess() {
		// given: a skip limit of one product
		use("postgresql");
		List<Long> ids = stage(2);
		GenerationProperties oneSkip = new GenerationProperties(8, 600, 0, 0.02, true, 1, 5, Duration.ofSeconds(2),
				Duration.ofSeconds(60), Duration.ofMinutes(10), 5, 1, 0, ZoneId.of("America/Los_Angeles"), null, 50,
				10, 0.5, Duration.ofSeconds(30));
		Worker first = new Worker("a", Clock.systemUTC(), 1, noWaiting());
		Worker second = new Worker("b", Clock.systemUTC(), 1, noWaiting());
		first.open(oneSkip);
		second.open(oneSkip);
		// when: a skips one
		assertThat(first.run.skips().take()).isTrue();
		first.run.deferred().add(item(ids.get(0)), retriesExhausted());
		// then: b may skip none
		assertThat(second.run.skips().take()).isFalse();
	}

	@Test
	void theDailyRequestBudgetCountsTheCallsOfEveryProcess() {
		// given: a budget of three calls a day; worker a made two today
		use("postgresql");
		List<Long> ids = stage(1);
		ManualClock clock = new ManualClock();
		// 01:00 in the quota zone (Los Angeles), and the same day in UTC, the test clock's zone
		clock.advance(Duration.ofHours(2));
		Worker first = new Worker("a", clock, 1, noWaiting());
		Worker second = new Worker("b", clock, 1, noWaiting());
		first.open(properties(null, 3));
		second.open(properties(null, 3));
		for (int call = 1; call <= 2; call++) {
			assertThat(first.run.requests().tryTake()).isTrue();
			journal().started(caller(ids.get(0)), call, clock.instant());
		}
		// when / then: b may make one more, and then none
		assertThat(second.run.requests().tryTake()).isTrue();
		journal().started(caller(ids.get(0)), 3, clock.instant());
		assertThat(second.run.requests().tryTake()).isFalse();
		clock.advance(SharedRunFactory.MAX_AGE);
		assertThat(first.run.requests().tryTake()).as("a, reading the journal again").isFalse();
	}

	@Test
	void theCostBudgetCountsTheCallsInFlightOfEveryProcessAndItsStopReachesThemAll() throws Exception {
		// given: a budget of $0.10 and calls at $0.067; worker a's first call is in flight
		use("postgresql");
		List<Long> ids = stage(2);
		ManualClock clock = new ManualClock();
		GenerationProperties budget = properties(new BigDecimal("0.10"), 0);
		Worker first = new Worker("a", clock, 1, noWaiting());
		Worker second = new Worker("b", clock, 1, noWaiting());
		first.open(budget);
		second.open(budget);
		CountDownLatch inFlight = new CountDownLatch(1);
		CountDownLatch answer = new CountDownLatch(1);
		ProviderCallerTests.ScriptedClient image = new ProviderCallerTests.ScriptedClient(this.work).succeed();
		ImageClient slow = (request, directory) -> {
			inFlight.countDown();
			try {
				answer.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return image.generate(request, directory);
		};
		ProviderCallerTests.ScriptedClient never = new ProviderCallerTests.ScriptedClient(this.work).succeed();
		ExecutorService calls = Executors.newSingleThreadExecutor();
		try {
			Future<Delivery> firstCall = calls.submit(() -> first.caller(slow, clock).call(request(), this.work,
					caller(ids.get(0))));
			inFlight.await();
			// when: b is about to make its call
			// then: the call in flight holds its price, so b's would exceed the budget: b does not make it and stops
			// the run
			assertThatThrownBy(() -> second.caller(never, clock).call(request(), this.work, caller(ids.get(1))))
				.isInstanceOf(CallAbandonedException.class);
			assertThat(never.calls).isZero();
			assertThat(second.run.gate().reason()).contains("--max-cost");
			// and a's gate closes too: its next call is not made
			clock.advance(SharedRunFactory.MAX_AGE);
			assertThat(first.run.gate().isOpen()).isFalse();
			assertThat(first.run.gate().state()).isEqualTo(GenerationGate.State.STOPPING);
			answer.countDown();
			assertThat(firstCall.get(30, TimeUnit.SECONDS)).isNotNull();
		}
		finally {
			answer.countDown();
			calls.shutdownNow();
		}
	}

	// what one worker JVM has

	private final class Worker {

		final WorkerIdentity identity;

		final CurrentRun runs = new CurrentRun();

		final ClaimLeases leases;

		final ClaimingItemFeed feed;

		final Clock clock;

		GenerationRun run;

		Worker(String name, Clock clock, int claimSize, Sleeper waiting) {
			this.identity = new WorkerIdentity("host:" + name + ":" + SharedRunStateTests.this.instance);
			this.clock = clock;
			OutsideChunk outside = new OutsideChunk(SharedRunStateTests.this.transactions);
			this.leases = new ClaimLeases(SharedRunStateTests.this.items, this.identity, LEASE, clock, outside, false);
			SharedRunStateTests.this.leases.add(this.leases);
			this.feed = new ClaimingItemFeed(SharedRunStateTests.this.items, this.runs, this.leases, clock, outside,
					claimSize, Duration.ofSeconds(5), waiting);
		}

		SharedRunFactory factory(GenerationProperties generation) {
			JdbcTemplate jdbc = SharedRunStateTests.this.jdbc;
			GenerationRunFactory local = new GenerationRunFactory(generation, "gemini", MODEL, this.clock,
					SharedRunStateTests.this.items, new ResultRepository(jdbc), journal(), COSTS, List.of());
			return new SharedRunFactory(local, generation, this.clock, SharedRunStateTests.this.items,
					new RunGateRepository(jdbc), new OutsideChunk(SharedRunStateTests.this.transactions),
					this.identity, SharedRunFactory.MAX_AGE);
		}

		/** Opens this process's run of the execution, as its first worker step does. */
		void open(GenerationProperties generation) {
			long instance = SharedRunStateTests.this.instance;
			long execution = SharedRunStateTests.this.execution;
			this.run = this.runs.openIfAbsent(execution, () -> factory(generation).open(instance, execution, new JobParameters()));
		}

		GenerateStepListener managerListener(GenerationProperties generation) {
			SharedRunFactory factory = factory(generation);
			JdbcTemplate jdbc = SharedRunStateTests.this.jdbc;
			SkippedProductRecorder recorder = new SkippedProductRecorder(SharedRunStateTests.this.items,
					new ResultRepository(jdbc), new OutcomeFactory("gemini", MODEL, journal()), this.clock,
					mock(ImageManifest.class));
			return new GenerateStepListener(this.runs,
					step -> factory.open(step.getJobExecution().getJobInstance().getInstanceId(),
							step.getJobExecutionId(), step.getJobExecution().getJobParameters()),
					recorder, new TransactionTemplate(SharedRunStateTests.this.transactions));
		}

		ProviderCaller caller(ImageClient client, Clock clock) {
			ProviderCaller.Retries retries = new ProviderCaller.Retries(1,
					new Backoff(Duration.ofMillis(100), Duration.ofSeconds(60), new Random(7)), Duration.ofMinutes(10),
					ZoneId.of("Europe/Berlin"));
			return new ProviderCaller(client, new RequestRateLimiter(60_000, 0), this.runs, journal(), COSTS,
					new ProviderCaller.Settings(retries, new CallSlots(Integer.MAX_VALUE / 2), duration -> true, clock));
		}

	}

	private void use(String kind) {
		if (kind.equals("h2")) {
			this.jdbc = MigratedDatabase.h2();
		}
		else {
			this.jdbc = new JdbcTemplate(postgres());
		}
		this.transactions = new DataSourceTransactionManager(this.jdbc.getDataSource());
		this.items = new CatalogItemRepository(this.jdbc);
	}

	private static synchronized HikariDataSource postgres() {
		if (postgres == null) {
			Database database = Database.postgres();
			postgres = new HikariDataSource();
			postgres.setJdbcUrl(database.url());
			postgres.setUsername(database.user());
			postgres.setPassword(database.password());
			postgres.setMaximumPoolSize(12);
			Flyway.configure().dataSource(postgres).locations("classpath:db/migration").load().migrate();
		}
		return postgres;
	}

	private List<Long> stage(int products) {
		for (int i = 1; i <= products; i++) {
			this.jdbc.update("""
					insert into catalog_item (job_instance_id, line_no, sku, name, prompt, image_size, aspect_ratio,
					    fingerprint, status)
					values (?, ?, ?, 'Mug', 'a mug', '1K', '1:1', ?, 'PENDING')""", this.instance, i, "SKU-" + i,
					"%064d".formatted(i));
		}
		return this.jdbc.queryForList("select id from catalog_item where job_instance_id = ? order by id", Long.class,
				this.instance);
	}

	private CatalogItem item(long id) {
		return this.jdbc.queryForObject(
				"select id, sku, fingerprint, line_no from catalog_item where id = ?", (rs, row) -> new CatalogItem(
						rs.getLong(1), this.instance, rs.getLong(4), rs.getString(2), "Mug", "a mug", "1K", "1:1", null,
						rs.getString(3)),
				id);
	}

	private String claimedBy(long id) {
		return this.jdbc.queryForObject("select claimed_by from catalog_item where id = ?", String.class, id);
	}

	private Instant expiresAt(long id) {
		return this.jdbc.queryForObject("select claim_expires_at from catalog_item where id = ?",
				java.time.OffsetDateTime.class, id).toInstant();
	}

	private String status(long id) {
		return this.jdbc.queryForObject("select status from catalog_item where id = ?", String.class, id);
	}

	private AttemptJournal journal() {
		return new AttemptJournal(this.jdbc, this.transactions);
	}

	private StepExecution managerStep() {
		JobExecution job = new JobExecution(this.execution, new JobInstance(this.instance, "catalogImageJob"),
				new JobParameters());
		return new StepExecution(1, "generateImages", job);
	}

	private static ProductSkippedException retriesExhausted() {
		return new ProductSkippedException("retries-exhausted:503 UNAVAILABLE", "gave up after 5 attempts: overloaded",
				new AttemptStats(5, 0, 0, 0, 3_000_000_000L, 0, Instant.parse("2026-11-24T07:00:00Z")),
				Instant.parse("2026-11-24T07:00:00Z"), true, null);
	}

	private static ImageRequest request() {
		return new ImageRequest(MODEL, "a mug", ImageSize.K1, "1:1");
	}

	private AttemptJournal.Caller caller(long itemId) {
		return new AttemptJournal.Caller(itemId, this.instance, this.execution, "gemini", MODEL);
	}

	private static GenerationProperties properties(BigDecimal maxCost, long rpd) {
		return new GenerationProperties(8, 600, 0, 0.02, true, 1, 5, Duration.ofSeconds(2), Duration.ofSeconds(60),
				Duration.ofMinutes(10), 5, -1, rpd, ZoneId.of("America/Los_Angeles"), maxCost, 50, 10, 0.5,
				Duration.ofSeconds(30));
	}

	/** Asks again at once while another process holds the last products (they finish them meanwhile). */
	private static Sleeper spinning() {
		return duration -> {
			Thread.onSpinWait();
			return true;
		};
	}

	/** For a worker that must never wait for another's products. */
	private static Sleeper noWaiting() {
		return duration -> fail("waited for products held by another process");
	}

}
