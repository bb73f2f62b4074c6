package com.catalogimage.ops;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

import com.catalogimage.job.RunHeartbeat;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;

/**
 * Marks an execution that a killed JVM left STARTED as FAILED (Spring Batch 6 {@code JobOperator.recover}), so the
 * run can continue; refuses while the execution still has a recent heartbeat, i.e. is running in another process,
 * and says when it will count as dead and how to force it. When this process opened the H2 file itself no heartbeat
 * is needed: H2 locks the file, so no other process is running (right after a kill -9, recover works at once).
 * When a live run serves the file, this process reads through it, and the heartbeat decides.
 */
final class ExecutionRecovery {

	private final JobOperator jobOperator;

	private final RunHeartbeat heartbeat;

	private final boolean exclusiveDatabase;

	ExecutionRecovery(JobOperator jobOperator, RunHeartbeat heartbeat, boolean exclusiveDatabase) {
		this.jobOperator = jobOperator;
		this.heartbeat = heartbeat;
		this.exclusiveDatabase = exclusiveDatabase;
	}

	/**
	 * Whether this process opened an H2 file itself, which only one process can do: then no other process is running
	 * anything in it. Not so for a server (PostgreSQL, an H2 server, or a run serving its file to this command) or
	 * H2's AUTO_SERVER mode.
	 */
	static boolean exclusive(JobDatabase database) {
		return database.h2File().isPresent()
				&& !database.url().toLowerCase(java.util.Locale.ROOT).contains("auto_server=true");
	}

	/** @return whether the execution was recovered */
	boolean recover(JobExecution execution, boolean force, PrintStream out, PrintStream err) {
		Optional<RunHeartbeat.Beat> beat = this.exclusiveDatabase ? Optional.empty()
				: this.heartbeat.lastBeat(execution.getId());
		Duration age = beat.map(this.heartbeat::age).orElse(RunHeartbeat.STALE_AFTER);
		if (!force && age.compareTo(RunHeartbeat.STALE_AFTER) < 0) {
			// rounded up: recovering after that many seconds must find the beat stale
			long staleIn = Math.max(1, (RunHeartbeat.STALE_AFTER.minus(age).toMillis() + 999) / 1000);
			err.println("error: execution " + execution.getId() + " is still running: process " + beat.orElseThrow().owner()
					+ " beat " + Math.max(0, age.toSeconds()) + " s ago (a running execution beats every "
					+ RunHeartbeat.INTERVAL.toSeconds() + " s). If that process is gone, run recover again in " + staleIn
					+ " s, when the beat is " + RunHeartbeat.STALE_AFTER.toSeconds() + " s old, or now with 'recover"
					+ " --execution " + execution.getId() + " --force'.");
			return false;
		}
		String was = execution.getStatus().name();
		this.jobOperator.recover(execution);
		out.println("Execution " + execution.getId() + " (was " + was
				+ ") is marked FAILED; run the same command again to continue the run.");
		return true;
	}

}
