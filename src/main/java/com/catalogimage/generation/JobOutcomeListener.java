package com.catalogimage.job;

import com.catalogimage.generation.GenerationGate;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/** Writes why the gate closed into the job's exit description, where {@code status} and dashboards find it. */
public class JobOutcomeListener implements JobExecutionListener {

	private final GenerationGate gate;

	public JobOutcomeListener(GenerationGate gate) {
		this.gate = gate;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		this.gate.reset();
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		String reason = this.gate.reason();
		if (reason != null) {
			jobExecution.setExitStatus(jobExecution.getExitStatus().addExitDescription(reason));
		}
	}

}
