package com.catalogimage.generation;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Starts each job execution with no generation run (a run belongs to one execution of the generate step), and writes
 * why the run's gate closed into the job's exit description, where {@code status} and dashboards find it.
 */
final class JobOutcomeListener implements JobExecutionListener {

	private final CurrentRun runs;

	JobOutcomeListener(CurrentRun runs) {
		this.runs = runs;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		this.runs.clear();
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		String reason = this.runs.reason();
		if (reason != null) {
			jobExecution.setExitStatus(jobExecution.getExitStatus().addExitDescription(reason));
		}
	}

}
