package com.catalogimage.ops;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

import com.catalogimage.job.RunHeartbeat;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;

/**
 * Marks an execution that a killed JVM left STARTED as FAILED (Spring Batch 6 {@code JobOperator.recover}), so the
 * run can continue; refuses while the execution still has a recent heartbeat, i.e. is running in another process.
 * With an embedded H2 file database no heartbeat is needed: H2 locks the file, so if this process could open it, no
 * other process is running.
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

	/** Whether a JDBC URL names an H2 database only one process can open (a file, not a server or AUTO_SERVER). */
	static boolean exclusive(String url) {
		String lower = url.toLowerCase(java.util.Locale.ROOT);
		return lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:")
				&& !lower.contains("auto_server=true");
	}

	/** @return whether the execution was recovered */
	boolean recover(JobExecution execution, boolean force, PrintStream out, PrintStream err) {
		if (!force && !this.exclusiveDatabase && this.heartbeat.isAlive(execution.getId())) {
			RunHeartbeat.Beat beat = this.heartbeat.lastBeat(execution.getId()).orElseThrow();
			err.println("error: execution " + execution.getId() + " is alive: " + beat.owner() + " beat "
					+ Duration.between(beat.at(), Instant.now()).toSeconds() + " s ago; it is still running");
			return false;
		}
		String was = execution.getStatus().name();
		this.jobOperator.recover(execution);
		out.println("Execution " + execution.getId() + " (was " + was
				+ ") is marked FAILED; run the same command again to continue the run.");
		return true;
	}

}
