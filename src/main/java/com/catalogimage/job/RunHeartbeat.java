package com.catalogimage.job;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Beats for the running execution every {@link #INTERVAL}, so another process can tell a live execution from one a
 * killed JVM left marked STARTED: only the latter may be recovered.
 */
public class RunHeartbeat implements JobExecutionListener, AutoCloseable {

	public static final Duration INTERVAL = Duration.ofSeconds(5);

	/** An execution whose last beat is older than this is presumed dead. */
	public static final Duration STALE_AFTER = Duration.ofSeconds(30);

	private static final Logger log = LoggerFactory.getLogger(RunHeartbeat.class);

	/** The last beat of an execution and who gave it. */
	public record Beat(String owner, Instant at) {
	}

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final String owner;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "run-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	private @Nullable ScheduledFuture<?> beating;

	public RunHeartbeat(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.owner = ManagementFactory.getRuntimeMXBean().getName();
	}

	@Override
	public synchronized void beforeJob(JobExecution jobExecution) {
		long id = jobExecution.getId();
		this.jdbc.update("delete from run_heartbeat where job_execution_id = ?", id);
		this.jdbc.update("insert into run_heartbeat (job_execution_id, owner, beat_at) values (?, ?, ?)", id,
				this.owner, now());
		this.beating = this.scheduler.scheduleAtFixedRate(() -> beat(id), INTERVAL.toMillis(), INTERVAL.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void afterJob(JobExecution jobExecution) {
		if (this.beating != null) {
			this.beating.cancel(false);
			this.beating = null;
		}
		this.jdbc.update("delete from run_heartbeat where job_execution_id = ?", jobExecution.getId());
	}

	private void beat(long id) {
		try {
			this.jdbc.update("update run_heartbeat set beat_at = ? where job_execution_id = ?", now(), id);
		}
		catch (RuntimeException ex) {
			log.debug("Heartbeat failed: {}", ex.toString());
		}
	}

	/** The last beat of an execution, if it ever beat. */
	public Optional<Beat> lastBeat(long jobExecutionId) {
		List<Beat> beats = this.jdbc.query("select owner, beat_at from run_heartbeat where job_execution_id = ?",
				(rs, row) -> new Beat(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()),
				jobExecutionId);
		return beats.stream().findFirst();
	}

	/** How long ago a beat was given: from {@link #STALE_AFTER} on, its process is presumed dead. */
	public Duration age(Beat beat) {
		return Duration.between(beat.at(), this.clock.instant());
	}

	private OffsetDateTime now() {
		return this.clock.instant().atOffset(ZoneOffset.UTC);
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
