package com.catalogimage.ops;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How a command reaches an H2 file database, which only one process can open. {@code run} opens it itself (a
 * second run is refused by the lock) and serves it while it runs. {@code status}, {@code report}, {@code estimate}
 * and {@code recover} read through a serving run, or open the file when no run is serving it; they do not create or
 * migrate tables through a run, which has done that. A run that is still starting, or that ends while such a
 * command reads through it, is waited for or left behind (the command is tried again on the file) rather than
 * reported as an error.
 */
final class DatabaseAccess {

	/** H2: the file is open in another process. */
	static final String IN_USE = "90020";

	/** H2: the connection to a server broke or was refused. */
	static final String CONNECTION_BROKEN = "90067";

	/**
	 * H2: the database closed under the session, as when the serving run shuts down; a transaction's rollback then
	 * reports this instead of the broken connection.
	 */
	static final String DATABASE_CLOSED = "90121";

	/** How long a reading command waits for the process holding the file to serve it or let it go. */
	static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final Duration RECHECK = Duration.ofSeconds(2);

	/** One attempt at a command, given the configuration properties that say how to reach the database. */
	@FunctionalInterface
	interface Attempt<T> {

		T run(Map<String, String> access) throws Exception;

	}

	private DatabaseAccess() {
	}

	/**
	 * Runs a command with the properties that say how to reach the database; a reading command is tried again when
	 * the file was held by a run still starting, or when the run it read through ended. Such an attempt must print
	 * nothing before it has succeeded.
	 * @param notice told once when the command waits for the database
	 */
	static <T> T open(String command, JobDatabase database, Attempt<T> attempt, Consumer<String> notice)
			throws Exception {
		Optional<Path> file = database.h2File();
		if (file.isEmpty()) {
			return attempt.run(Map.of());
		}
		if (command.equals(Commands.RUN)) {
			return attempt.run(Map.of(OpsConfiguration.SERVE_READERS, "true"));
		}
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		boolean told = false;
		while (true) {
			Optional<String> served = JobDatabaseServer.urlForReaders(file.get());
			try {
				return attempt.run(served.map(DatabaseAccess::through).orElse(Map.of()));
			}
			catch (Exception ex) {
				boolean runEnded = served.isPresent() && runWentAway(ex);
				boolean held = served.isEmpty() && causedBy(ex, IN_USE);
				if (!(runEnded || held) || System.nanoTime() > deadline) {
					throw ex;
				}
				if (held) {
					if (!told) {
						notice.accept("note: another process has the job database " + file.get() + ".mv.db open;"
								+ " waiting up to " + PATIENCE.toSeconds() + " s for it to serve it or let it go");
						told = true;
					}
					awaitServer(file.get(), Math.min(deadline, System.nanoTime() + RECHECK.toNanos()));
				}
			}
		}
	}

	/** The properties that read the database through the run serving it. */
	static Map<String, String> through(String url) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", url);
		properties.put("spring.flyway.enabled", "false");
		properties.put("spring.batch.jdbc.initialize-schema", "never");
		properties.put("spring.datasource.hikari.minimum-idle", "1");
		return properties;
	}

	/** Whether a failure of a command reading through a run means the run ended under it. */
	static boolean runWentAway(Throwable failure) {
		return causedBy(failure, CONNECTION_BROKEN) || causedBy(failure, DATABASE_CLOSED);
	}

	static boolean causedBy(Throwable failure, String sqlState) {
		return FailureMessages.causeChain(failure)
			.stream()
			.anyMatch(cause -> cause instanceof SQLException sql && sqlState.equals(sql.getSQLState()));
	}

	/** Polls for a run to serve the file, until the deadline ({@link System#nanoTime()}). */
	private static void awaitServer(Path file, long deadline) {
		while (System.nanoTime() < deadline && JobDatabaseServer.urlForReaders(file).isEmpty()) {
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
