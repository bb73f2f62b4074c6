package com.catalogimage.generation;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Holds the {@link GenerationRun} of the generate step's current execution, one per application context. A job- or
 * step-scoped bean would not do: the job scope is not visible on the partition workers' threads. The manager step's
 * listener opens a run here before the partitions start; the workers, the shutdown hook and the {@code run} command
 * after the job read it.
 */
public final class CurrentRun {

	private volatile @Nullable GenerationRun run;

	/** A new job execution: nothing of the last one's run is its state (its reason included). */
	synchronized void clear() {
		this.run = null;
	}

	/** The generate step starts an execution with this run. */
	synchronized void begin(GenerationRun run) {
		this.run = run;
	}

	/**
	 * The run of a job execution, opened if this process has none for it yet: a worker process, where the manager
	 * step's listener never runs, opens it when its first worker step of the execution starts; its later steps, and
	 * a process that runs the manager step too, keep the one it has.
	 */
	synchronized GenerationRun openIfAbsent(long jobExecutionId, Supplier<GenerationRun> open) {
		GenerationRun current = this.run;
		if (current == null || current.jobExecutionId() != jobExecutionId) {
			current = open.get();
			this.run = current;
		}
		return current;
	}

	/** The run the workers work for. */
	GenerationRun get() {
		GenerationRun current = this.run;
		if (current == null) {
			throw new IllegalStateException("no generate step is running");
		}
		return current;
	}

	/** The run, if the generate step has started in this job execution. */
	@Nullable GenerationRun find() {
		return this.run;
	}

	/**
	 * A shutdown (SIGTERM, Ctrl-C) ends the run as STOPPED: no new call starts, waiting workers wake up. Before the
	 * generate step has started there is no run to stop.
	 */
	public void stop(String why) {
		GenerationRun current = this.run;
		if (current != null) {
			current.gate().stop(why);
		}
	}

	/**
	 * This process leaves the run (SIGTERM to a {@code worker}): its workers start no new call and end, the run goes
	 * on in the other processes. Before a worker step of this process has started there is nothing to leave.
	 */
	void leave(String why) {
		GenerationRun current = this.run;
		if (current != null) {
			current.gate().leave(why);
		}
	}

	/** Why the run's gate closed (a failure, a budget, a quota, a shutdown), or null while it is open or none ran. */
	public @Nullable String reason() {
		GenerationRun current = this.run;
		return current == null ? null : current.gate().reason();
	}

	/** Whether the run may go on: false once its gate closed, and before the generate step started. */
	public boolean isOpen() {
		GenerationRun current = this.run;
		return current != null && current.gate().isOpen();
	}

	/** Waits on the current run's gate, so closing it wakes every worker that waits for a permit or a retry. */
	Sleeper sleeper() {
		return duration -> get().gate().awaitOpenFor(duration);
	}

}
