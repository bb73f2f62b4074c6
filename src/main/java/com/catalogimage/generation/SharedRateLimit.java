package com.catalogimage.generation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import javax.sql.DataSource;

import com.catalogimage.provider.SystemicFailure;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import org.jspecify.annotations.Nullable;

/**
 * The rate limit of remote mode: one token bucket in the job's PostgreSQL database for every worker process that
 * calls the provider with the same key and model, since the provider counts a key's requests, not a process's. A
 * Bucket4j proxy (select-for-update on the bucket's row) reserves each permit in order across processes; a 429's
 * retry hint is kept beside it, so every process pauses until the quota frees up.
 * <p>
 * The bucket holds {@code burst} permits (at most half the rpm) and refills greedily, one token at a time, with
 * {@code rpm - burst} tokens per minute stretched by the margin. A window of that minute can then hold at most the
 * permits the bucket had at its start plus those refilled during it, {@code burst + (rpm - burst) = rpm}, first
 * minute included: the promise the single-process limiter keeps with its sliding-window guard, paid for here with a
 * steady pace of {@code rpm - burst} instead of {@code rpm} (1.7 % less at the default burst of a second's permits).
 * <p>
 * Time is each process's wall clock (the workers' clocks must be NTP-synchronised, as a PostgreSQL cluster's are):
 * a monotonic clock means nothing to another machine. Without the database no permit is handed out: a failure to
 * reach it ends the caller's run as a {@link SystemicFailure} to restart, rather than sending calls unpaced.
 */
final class SharedRateLimit {

	/** How far ahead a permit may be reserved: far enough that a waiting worker always gets one, in order. */
	private static final long RESERVE_AHEAD_NANOS = Duration.ofDays(1).toNanos();

	private static final String READ_PAUSE = "SELECT paused_until FROM rate_limit_pause WHERE limit_key = ?";

	private static final String EXTEND_PAUSE = "INSERT INTO rate_limit_pause (limit_key, paused_until) VALUES (?, ?)"
			+ " ON CONFLICT (limit_key) DO UPDATE"
			+ " SET paused_until = GREATEST(rate_limit_pause.paused_until, EXCLUDED.paused_until)";

	private final DataSource dataSource;

	private final String key;

	private final BucketConfiguration configuration;

	private final ProxyManager<String> buckets;

	private final TimeMeter clock;

	/** Built at the first permit, once the stored configuration has been brought in line with this one. */
	private volatile @Nullable BucketProxy bucket;

	/**
	 * @param dataSource the job's PostgreSQL database, with the tables of migration V7
	 * @param key the provider, model and API-key fingerprint the provider counts requests by ({@link #key})
	 * @param clock the wall clock, in nanoseconds since the epoch, that every process shares
	 */
	SharedRateLimit(DataSource dataSource, String key, int rpm, int burst, double margin, TimeMeter clock) {
		this.dataSource = dataSource;
		this.key = key;
		this.configuration = configuration(rpm, burst, margin);
		this.clock = clock;
		this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table("rate_limit_bucket")
			.clientClock(clock)
			.build();
	}

	/**
	 * The bucket's key: provider, model and the first 16 hex digits of the API key's SHA-256, so that processes with
	 * the same key share one limit and the key itself never reaches the database.
	 */
	static String key(String provider, String model, @Nullable String apiKey) {
		String fingerprint = apiKey == null ? "no-key" : sha256(apiKey).substring(0, 16);
		return provider + "/" + model + "/" + fingerprint;
	}

	/** The bucket for an rpm: see the class comment for why its refill is {@code rpm - burst}. */
	static BucketConfiguration configuration(int rpm, int burst, double margin) {
		long capacity = Math.max(1, Math.min(burst > 0 ? burst : rpm / 60, rpm / 2));
		long refill = rpm - capacity;
		Duration minute = Duration.ofNanos(Math.round(60e9 * (1 + Math.max(0, margin))));
		if (refill < 1) {
			// --rpm 1: one token a minute on top of the one held would allow two in a minute
			refill = 1;
			minute = minute.multipliedBy(2);
		}
		long tokens = refill;
		Duration period = minute;
		return BucketConfiguration.builder().addLimit(limit -> limit.capacity(capacity).refillGreedy(tokens, period))
			.build();
	}

	/**
	 * Blocks until this worker's permit, waiting out a pause any process set meanwhile. False when the sleeper says
	 * the gate closed; the caller must then check the gate before calling.
	 * @throws SystemicFailure when the database cannot be reached: no permit, so no call
	 */
	boolean acquire(Sleeper sleeper) throws InterruptedException {
		long slot;
		do {
			// No permit is reserved during a pause: reserved then, they would all fall due at its end, as one burst.
			if (!waitUntil(pausedUntil(), sleeper)) {
				return false;
			}
			slot = reserve();
			if (!waitUntil(slot, sleeper)) {
				return false;
			}
			// A 429 in any process while this worker waited makes it give up its slot (it still counts, which only
			// makes the limit stricter) and take a new one after the pause.
		}
		while (pausedUntil() > slot);
		return true;
	}

	/** Holds back every process's calls for {@code pause} from now, unless a pause already lasts longer. */
	void pauseFor(Duration pause) {
		long until = this.clock.currentTimeNanos() + pause.toNanos();
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(EXTEND_PAUSE)) {
			statement.setString(1, this.key);
			statement.setLong(2, until);
			statement.executeUpdate();
		}
		catch (SQLException ex) {
			throw unreachable(ex);
		}
	}

	private boolean waitUntil(long deadline, Sleeper sleeper) throws InterruptedException {
		long now = this.clock.currentTimeNanos();
		return deadline <= now || sleeper.sleep(Duration.ofNanos(deadline - now));
	}

	/** The wall-clock time at which the next permit falls due; reserved in the bucket, so it counts from now on. */
	private long reserve() throws InterruptedException {
		long[] wait = { 0 };
		boolean reserved;
		try {
			// Bucket4j reserves the token and hands the wait to a blocking strategy; this one only notes it, so the
			// wait goes through the sleeper (which a closing gate cuts short) after the pause has been checked again.
			reserved = bucket().asBlocking().tryConsume(1, RESERVE_AHEAD_NANOS, nanos -> wait[0] = nanos);
		}
		catch (BucketExceptions.BucketExecutionException ex) {
			throw unreachable(ex);
		}
		if (!reserved) {
			throw new IllegalStateException("shared rate limit could not reserve a permit within a day");
		}
		// read after the reservation, so the slot is never earlier than the one the bucket counted
		return this.clock.currentTimeNanos() + wait[0];
	}

	private BucketProxy bucket() {
		BucketProxy current = this.bucket;
		if (current != null) {
			return current;
		}
		synchronized (this) {
			if (this.bucket == null) {
				BucketProxy proxy = this.buckets.builder().build(this.key, () -> this.configuration);
				// The stored bucket keeps the configuration it was created with: a run with another --rpm or --burst
				// brings it in line, keeping the tokens (or the debt) it holds.
				Optional<BucketConfiguration> stored = this.buckets.getProxyConfiguration(this.key);
				if (stored.isPresent() && !stored.get().equals(this.configuration)) {
					proxy.replaceConfiguration(this.configuration, TokensInheritanceStrategy.AS_IS);
				}
				this.bucket = proxy;
			}
			return this.bucket;
		}
	}

	private long pausedUntil() {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(READ_PAUSE)) {
			statement.setString(1, this.key);
			try (ResultSet row = statement.executeQuery()) {
				return row.next() ? row.getLong(1) : Long.MIN_VALUE;
			}
		}
		catch (SQLException ex) {
			throw unreachable(ex);
		}
	}

	/** The database is gone: the run stops (a restart continues) instead of calling without a permit. */
	private static SystemicFailure unreachable(Exception ex) {
		return new SystemicFailure("rate-limit-unreachable",
				"the job database, which holds the rate limit all workers share, could not be used (%s); no call is sent without a permit: run the same command again once the database is back"
					.formatted(describe(ex)),
				SystemicFailure.Ending.STOP);
	}

	/** The SQL state or the kind of failure, never the driver's full text (it may name hosts and users). */
	private static String describe(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return "SQL state " + sql.getSQLState();
			}
		}
		Throwable root = failure;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName();
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
