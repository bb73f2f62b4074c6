package com.catalogimage.job;

import com.catalogimage.generation.GenerationGate;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * A worker whose feed ran dry because the gate closed for a stop (daily quota, budget, shutdown) did not finish its
 * work: it ends STOPPED, so the partition step and the job end STOPPED and a restart runs it again.
 */
public class WorkerStepListener implements StepExecutionListener {

	private final GenerationGate gate;

	public WorkerStepListener(GenerationGate gate) {
		this.gate = gate;
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (this.gate.state() == GenerationGate.State.STOPPING && stepExecution.getStatus() == BatchStatus.COMPLETED) {
			stepExecution.setStatus(BatchStatus.STOPPED);
			return ExitStatus.STOPPED.addExitDescription(String.valueOf(this.gate.reason()));
		}
		return stepExecution.getExitStatus();
	}

}
