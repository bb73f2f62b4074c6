package com.catalogimage.generation;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * The worker step's listener when workers run in several processes. In a worker process the manager step's listener
 * never runs, so the first worker step of an execution opens this process's run for it from the database
 * ({@link SharedRunFactory}); it counts the steps that draw from the claiming feed, so the last one to end gives back
 * this process's claims; and a step ends as the shared gate says, read afresh (see {@link WorkerStepListener}).
 */
final class SharedWorkerStepListener implements StepExecutionListener {

	private final CurrentRun runs;

	private final SharedRunFactory factory;

	private final ClaimingItemFeed feed;

	private final WorkerStepListener outcome;

	SharedWorkerStepListener(CurrentRun runs, SharedRunFactory factory, ClaimingItemFeed feed) {
		this.runs = runs;
		this.factory = factory;
		this.feed = feed;
		this.outcome = new WorkerStepListener(runs);
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		long jobExecutionId = stepExecution.getJobExecutionId();
		long jobInstanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
		this.runs.openIfAbsent(jobExecutionId, () -> this.factory.open(jobInstanceId, jobExecutionId,
				stepExecution.getJobExecution().getJobParameters()));
		this.feed.stepStarted();
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		this.feed.stepEnded();
		this.runs.get().gate().refreshNow();
		return this.outcome.afterStep(stepExecution);
	}

}
