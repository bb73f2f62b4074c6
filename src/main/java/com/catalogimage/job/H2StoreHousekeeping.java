package com.catalogimage.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Does for the embedded H2 file during a run what H2's own background thread would: rewrites the live pages of
 * mostly empty chunks, so the old chunks die and are freed.
 * <p>
 * Why: the job's H2 URL sets {@code WRITE_DELAY=0}, so every commit is on disk before it returns (a {@code kill -9}
 * loses nothing acknowledged), and H2 then writes a chunk per commit and stops its background thread, the one that
 * compacts. A chunk that keeps a single live page (a catalog row written once, say) then lives for the whole run: the
 * file grew by a chunk per commit (279 MB for 5,000 products) and H2 kept every chunk's metadata on the heap (a
 * 100,000-product run: ~0.7 KB of heap per product). Rewriting a chunk's live pages writes them into the next commit's
 * chunk; H2 frees the old chunk only once it is older than its retention time (45 s, left as it is: H2 assumes the
 * disk has flushed by then), so what remains is about the last minute's chunks, whatever the catalog's size.
 * <p>
 * Only for an H2 database this process opened itself; on PostgreSQL or through H2's TCP server it does nothing.
 */
public class H2StoreHousekeeping implements JobExecutionListener, AutoCloseable {

	static final Duration INTERVAL = Duration.ofSeconds(5);

	/** Rewrite while the chunks are on average less full than this (percent of their bytes live). */
	private static final int TARGET_FILL_RATE = 80;

	/** Bytes of live pages rewritten per round at most, so a round never holds H2's store lock for long. */
	private static final int WRITE_LIMIT = 4 * 1024 * 1024;

	private static final Logger log = LoggerFactory.getLogger(H2StoreHousekeeping.class);

	private final DataSource dataSource;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "h2-housekeeping");
		thread.setDaemon(true);
		return thread;
	});

	private @Nullable ScheduledFuture<?> running;

	public H2StoreHousekeeping(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public synchronized void beforeJob(JobExecution jobExecution) {
		embeddedStore(this.dataSource).ifPresent(store -> this.running = this.scheduler.scheduleWithFixedDelay(
				() -> compact(store), INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
	}

	@Override
	public synchronized void afterJob(JobExecution jobExecution) {
		if (this.running != null) {
			this.running.cancel(false);
			this.running = null;
		}
	}

	/** One round: rewrites the emptiest chunks' live pages, then frees the chunks that are dead and old enough. */
	static void compact(MVStore store) {
		try {
			if (!store.isClosed()) {
				store.compact(TARGET_FILL_RATE, WRITE_LIMIT);
				store.getFileStore().dropUnusedChunks();
			}
		}
		catch (RuntimeException ex) {
			// H2's own housekeeping is as optional: the next round, or the file's compaction on close, catches up
			log.debug("H2 housekeeping skipped a round: {}", ex.toString());
		}
	}

	/** The MVStore behind the data source when it is an H2 database opened in this process. */
	static Optional<MVStore> embeddedStore(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			if (connection.isWrapperFor(JdbcConnection.class)
					&& connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session
					&& session.getDatabase().getStore() != null) {
				return Optional.ofNullable(session.getDatabase().getStore().getMvStore());
			}
		}
		catch (SQLException | RuntimeException ex) {
			log.debug("No H2 housekeeping: {}", ex.toString());
		}
		return Optional.empty();
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
