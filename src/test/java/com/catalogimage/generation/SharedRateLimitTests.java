package com.catalogimage.generation;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.catalogimage.image.ImageSize;
import com.catalogimage.provider.ApiKeys;
import com.catalogimage.provider.ImageClient;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.provider.SystemicFailure;
import com.catalogimage.storage.AttemptJournal;
import com.catalogimage.support.Database;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The rate limit of remote mode: two limiters with their own connection pools stand for two worker JVMs, sharing one
 * real PostgreSQL database and one virtual clock (Bucket4j's client clock and the workers' sleeper), so every grant
 * time is exact and no test waits in real time.
 */
class SharedRateLimitTests {

	private static final long SECOND = 1_000_000_000L;

	private static final long MINUTE = 60 * SECOND;

	/** Far from the epoch, as a wall clock is: Bucket4j stores the clock's readings. */
	private static final long START = 1_796_000_000L * SECOND;

	/** One database for the class; each test has a bucket of its own, under a key of its own. */
	private static Database database;

	private final String key = SharedRateLimit.key("gemini", "gemini-3.1-flash-image-preview",
			UUID.randomUUID().toString());

	private final List<HikariDataSource> pools = new ArrayList<>();

	@BeforeAll
	static void migrate() {
		database = Database.postgres();
		Flyway.configure()
			.dataSource(database.url(), database.user(), database.password())
			.locations("classpath:db/migration")
			.load()
			.migrate();
	}

	@AfterEach
	void closePools() {
		this.pools.forEach(HikariDataSource::close);
	}

	@Test
	void twoProcessesTogetherNeverExceedTheRpmInAnyMinute() throws Exception {
		// given: --rpm 60 in two processes of three workers each, all asking for permits as fast as they are given
		int workersPerProcess = 3;
		int permitsPerWorker = 25;
		VirtualClock clock = new VirtualClock(START, 2 * workersPerProcess);
		RequestRateLimiter first = limiter(60, 0, clock);
		RequestRateLimiter second = limiter(60, 0, clock);
		List<Long> firstGrants = Collections.synchronizedList(new ArrayList<>());
		List<Long> secondGrants = Collections.synchronizedList(new ArrayList<>());
		ExecutorService workers = Executors.newFixedThreadPool(2 * workersPerProcess);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < workersPerProcess; i++) {
				done.add(workers.submit(() -> take(first, permitsPerWorker, clock, firstGrants)));
				done.add(workers.submit(() -> take(second, permitsPerWorker, clock, secondGrants)));
			}
			// when
			for (Future<?> worker : done) {
				worker.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			workers.shutdownNow();
		}
		// then: one limit for both (each process's own limiter would have let 120 through in a minute), kept close to
		// its steady pace of 59 a stretched minute, and both processes served
		List<Long> all = new ArrayList<>(firstGrants);
		all.addAll(secondGrants);
		Collections.sort(all);
		assertThat(all).hasSize(2 * workersPerProcess * permitsPerWorker);
		int most = mostInOneMinute(all);
		System.out.printf("shared limit, 2 processes x %d workers, --rpm 60: at most %d grants in a minute; 150 grants"
				+ " in %.1f s; first process %d, second %d%n", workersPerProcess, most,
				(all.get(all.size() - 1) - START) / 1e9, firstGrants.size(), secondGrants.size());
		assertThat(most).isLessThanOrEqualTo(60).isGreaterThanOrEqualTo(57);
		assertThat(firstGrants).hasSizeGreaterThan(0);
		assertThat(secondGrants).hasSizeGreaterThan(0);
	}

	@Test
	void aBurstIsCappedAtHalfTheRpmSoNoMinuteHoldsMore() throws Exception {
		// given: --rpm 30 --burst 20; a bucket of 20 refilling 10 a minute would be far below the rpm, so it holds 15
		// and refills 15 a (stretched) minute
		VirtualClock clock = new VirtualClock(START, 1);
		RequestRateLimiter limiter = limiter(30, 20, clock);
		// when
		List<Long> grants = new ArrayList<>();
		take(limiter, 45, clock, grants);
		// then: 15 at once, then one every 4.08 s: 29 in the first minute, 15 in a later one
		assertThat(grants.subList(0, 15)).containsOnly(START);
		assertThat(grants.get(15)).isEqualTo(START + 4_080_000_000L);
		assertThat(grants.get(44)).isEqualTo(START + 30 * 4_080_000_000L);
		assertThat(mostInOneMinute(grants)).isLessThanOrEqualTo(30);
	}

	@Test
	void aRetryHintInOneProcessHoldsBackTheOthersNextPermitUntilItPasses() throws Exception {
		// given: both processes have taken a permit at the start
		VirtualClock clock = new VirtualClock(START, 1);
		RequestRateLimiter first = limiter(60, 0, clock);
		RequestRateLimiter second = limiter(60, 0, clock);
		first.acquire();
		clock.sleep(Duration.ofSeconds(3));
		// when: at 3 s the first process's call gets a 429 that says the quota frees up in 10 s
		first.rateLimited(START, Duration.ofSeconds(10));
		second.acquire();
		// then: the second process sends nothing before 13 s
		assertThat(clock.currentTimeNanos()).isEqualTo(START + 13 * SECOND);
	}

	@Test
	void aWorkerAlreadyWaitingForItsSlotWaitsOutAPauseAnotherProcessSetMeanwhile() throws Exception {
		// given: the second process's worker waits for its slot, 1.04 s away (the first process took the only permit)
		RequestRateLimiter[] first = new RequestRateLimiter[1];
		VirtualClock clock = new VirtualClock(START, 1);
		boolean[] hinted = { false };
		Sleeper meanwhile = duration -> {
			if (!hinted[0]) {
				// while it waits, the first process's call gets a 429 that says the quota frees up in 10 s
				hinted[0] = true;
				first[0].rateLimited(START, Duration.ofSeconds(10));
			}
			return clock.sleep(duration);
		};
		first[0] = limiter(60, 0, clock);
		RequestRateLimiter second = new RequestRateLimiter(settings(60, 0), clock::currentTimeNanos, meanwhile,
				shared(60, 0, clock));
		first[0].acquire();
		// when
		second.acquire();
		// then: it does not send at 1.04 s into the exhausted quota
		assertThat(hinted[0]).isTrue();
		assertThat(clock.currentTimeNanos()).isEqualTo(START + 10 * SECOND);
	}

	@Test
	void simultaneous429sPauseOnceInsteadOfAddingUp() throws Exception {
		// given
		VirtualClock clock = new VirtualClock(START, 1);
		RequestRateLimiter first = limiter(60, 0, clock);
		RequestRateLimiter second = limiter(60, 0, clock);
		// when: both processes' calls get a 429 asking for 10 s
		first.rateLimited(START, Duration.ofSeconds(10));
		second.rateLimited(START, Duration.ofSeconds(10));
		first.acquire();
		// then
		assertThat(clock.currentTimeNanos()).isEqualTo(START + 10 * SECOND);
	}

	@Test
	void the429SlowdownStaysWithTheProcessThatGotItAndSpacesItsCallsEvenly() throws Exception {
		// given: --rpm 120 (a bucket of two); a 429 without a hint halves this process's pace to 60 a minute
		VirtualClock clock = new VirtualClock(START, 1);
		RequestRateLimiter slowed = limiter(120, 0, clock);
		slowed.rateLimited(START, null);
		// when
		List<Long> grants = new ArrayList<>();
		take(slowed, 3, clock, grants);
		// then: one a second, though the shared bucket would have given the first two at once
		assertThat(slowed.currentRpm()).isEqualTo(60);
		assertThat(grants).containsExactly(START, START + SECOND, START + 2 * SECOND);
	}

	@Test
	void aNewRpmReplacesTheStoredBucketsConfiguration() throws Exception {
		// given: a run at --rpm 6 left its bucket empty (one token, refilling every 12 s)
		VirtualClock clock = new VirtualClock(START, 1);
		limiter(6, 0, clock).acquire();
		// when: the next run says --rpm 600
		List<Long> grants = new ArrayList<>();
		take(limiter(600, 0, clock), 10, clock, grants);
		// then: its pace from the empty bucket on, one every 0.104 s, not one every 12 s
		assertThat(grants.get(9) - START).isCloseTo(10 * 103_728_813L, within(10L));
	}

	@Test
	void withoutTheDatabaseNoPermitIsHandedOut() throws Exception {
		// given: the job database does not answer
		DataSource gone = unreachableDatabase();
		VirtualClock clock = new VirtualClock(START, 1);
		List<Duration> waits = new ArrayList<>();
		RequestRateLimiter limiter = new RequestRateLimiter(settings(60, 0), clock::currentTimeNanos, duration -> {
			waits.add(duration);
			return clock.sleep(duration);
		}, new SharedRateLimit(gone, this.key, 60, 0, 0.02, clock));
		// when / then: a systemic failure that stops the run for a restart, saying why without the driver's text
		assertThatThrownBy(limiter::acquire).isInstanceOfSatisfying(SystemicFailure.class, failure -> {
			assertThat(failure.ending()).isEqualTo(SystemicFailure.Ending.STOP);
			assertThat(failure.status()).isEqualTo("rate-limit-unreachable");
			assertThat(failure.getMessage()).contains("SQL state 08001").doesNotContain("127.0.0.1");
		});
		assertThat(waits).isEmpty();
		// and a 429's pause, which cannot be shared either
		assertThatThrownBy(() -> limiter.rateLimited(START, Duration.ofSeconds(10)))
			.isInstanceOf(SystemicFailure.class);
	}

	@Test
	void withoutTheDatabaseTheCallerSendsNoRequest(@TempDir Path work) throws Exception {
		// given: a caller whose shared limit cannot reach the database
		VirtualClock clock = new VirtualClock(START, 1);
		RequestRateLimiter limiter = new RequestRateLimiter(settings(60, 0), clock::currentTimeNanos, clock,
				new SharedRateLimit(unreachableDatabase(), this.key, 60, 0, 0.02, clock));
		AtomicInteger calls = new AtomicInteger();
		ImageClient client = (request, directory) -> {
			calls.incrementAndGet();
			throw new IllegalStateException("no call may be sent without a permit");
		};
		CurrentRun runs = new CurrentRun();
		Clock wall = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
		runs.begin(new GenerationRun(1, new SkipLimit(0, Long.MAX_VALUE), new ProviderHealth(10, 4, 0.5),
				new RepeatedRejections(0), new RequestBudget(0, ZoneId.of("America/Los_Angeles"), wall, since -> 0L),
				new SpendBudget(null, BigDecimal.ZERO)));
		AttemptJournal journal = mock(AttemptJournal.class);
		ProviderCaller caller = new ProviderCaller(client, limiter,
				new ProviderCaller.Retries(5, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(60), new Random(7)),
						Duration.ofMinutes(10), ZoneOffset.UTC),
				clock, wall, runs, journal, new CostCalculator(new PricingProperties("2026-11-24", Map.of())));
		ImageRequest request = new ImageRequest("gemini-3.1-flash-image-preview", "a mug", ImageSize.K1, "1:1");
		// when / then: the run stops (the processor turns a STOP into a stopped gate), and nothing was sent
		assertThatThrownBy(() -> caller.call(request, work,
				new AttemptJournal.Caller(1, 1, 1, "gemini", "gemini-3.1-flash-image-preview")))
			.isInstanceOfSatisfying(SystemicFailure.class,
					failure -> assertThat(failure.ending()).isEqualTo(SystemicFailure.Ending.STOP));
		assertThat(calls).hasValue(0);
		verifyNoInteractions(journal);
	}

	@Test
	void inRemoteModeTheApplicationsLimiterIsTheSharedOne() {
		// given: the generation configuration with what its limiter needs, created on demand, and the job database
		// behind a lazy connection proxy as the application has it
		String apiKey = UUID.randomUUID().toString();
		HikariDataSource pool = pool();
		ApiKeys keys = mock(ApiKeys.class);
		given(keys.key()).willReturn(apiKey);
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withBean(LazyInitializationBeanFactoryPostProcessor.class)
			.withUserConfiguration(Properties.class, GenerationConfiguration.class)
			.withBean(ApiKeys.class, () -> keys)
			.withPropertyValues("imagebatch.provider.model=m1", "imagebatch.generation.rpm=600");
		// when: remote mode takes a permit
		runner.withBean(DataSource.class, () -> new LazyConnectionDataSourceProxy(pool))
			.withPropertyValues("imagebatch.remote.enabled=true")
			.run(context -> context.getBean(RequestRateLimiter.class).acquire());
		// then: from the bucket of this provider, model and key, stored under the key's fingerprint only
		List<String> buckets = database.jdbc().queryForList("select id from rate_limit_bucket", String.class);
		assertThat(buckets).contains(SharedRateLimit.key("simulator", "m1", apiKey)).noneMatch(id -> id.contains(apiKey));
		// and without remote mode the limiter is this process's own: it needs no database
		runner.run(context -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(DataSource.class);
			context.getBean(RequestRateLimiter.class).acquire();
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ GenerationProperties.class, ProviderProperties.class })
	static class Properties {

	}

	@Test
	void theKeyNamesProviderAndModelAndAFingerprintOfTheApiKeyNeverTheKey() {
		String key = SharedRateLimit.key("gemini", "gemini-3.1-flash-image-preview", "AIzaSyA-secret-key-0123");
		assertThat(key).startsWith("gemini/gemini-3.1-flash-image-preview/")
			.doesNotContain("secret")
			.doesNotContain("AIza")
			.hasSize("gemini/gemini-3.1-flash-image-preview/".length() + 16);
		assertThat(SharedRateLimit.key("gemini", "gemini-3.1-flash-image-preview", "AIzaSyA-secret-key-0123"))
			.isEqualTo(key);
		assertThat(SharedRateLimit.key("gemini", "gemini-3.1-flash-image-preview", "AIzaSyA-other-key-4567"))
			.isNotEqualTo(key);
		assertThat(SharedRateLimit.key("simulator", "m", null)).isEqualTo("simulator/m/no-key");
	}

	/** One worker process's limiter: adaptive, 2 % margin, a pool of its own on the shared database. */
	private RequestRateLimiter limiter(int rpm, int burst, VirtualClock clock) {
		return new RequestRateLimiter(settings(rpm, burst), clock::currentTimeNanos, clock,
				shared(rpm, burst, clock));
	}

	private SharedRateLimit shared(int rpm, int burst, VirtualClock clock) {
		return new SharedRateLimit(pool(), this.key, rpm, burst, 0.02, clock);
	}

	/** A process's own connection pool on the shared database. */
	private HikariDataSource pool() {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(database.url());
		pool.setUsername(database.user());
		pool.setPassword(database.password());
		pool.setMaximumPoolSize(4);
		this.pools.add(pool);
		return pool;
	}

	/** A PostgreSQL URL on 127.0.0.1 where nothing listens. */
	private static DataSource unreachableDatabase() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		return new SimpleDriverDataSource(new org.postgresql.Driver(),
				"jdbc:postgresql://127.0.0.1:" + closedPort + "/catalog", "postgres", "");
	}

	private static RequestRateLimiter.Settings settings(int rpm, int burst) {
		return new RequestRateLimiter.Settings(rpm, burst, 0.02, true, Duration.ofMinutes(1));
	}

	/** Takes {@code count} permits one after the other, noting the clock at each grant; then leaves the clock. */
	private static Void take(RequestRateLimiter limiter, int count, VirtualClock clock, List<Long> grants)
			throws InterruptedException {
		try {
			for (int i = 0; i < count; i++) {
				limiter.acquire();
				grants.add(clock.currentTimeNanos());
			}
		}
		finally {
			clock.leave();
		}
		return null;
	}

	/** The most grants that fall into one window [t, t + 60 s), over every window starting at a grant. */
	private static int mostInOneMinute(List<Long> sorted) {
		int most = 0;
		for (int i = 0; i < sorted.size(); i++) {
			int inWindow = 0;
			for (int j = i; j < sorted.size() && sorted.get(j) - sorted.get(i) < MINUTE; j++) {
				inWindow++;
			}
			most = Math.max(most, inWindow);
		}
		return most;
	}

}
