package com.catalogimage.generation;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * A worker whose feed ran dry because the gate closed did not finish its work. It ends as the gate says: STOPPED for
 * a stop (daily quota, budget, shutdown), FAILED for a failure (bad key, provider failing, too many skips), so the
 * partition step and the job end the same way, and a restart runs it again. A worker of a process that left the run
 * (LEAVING) does not end its slot: the slot stays STARTED with the exit code {@link LeavingProcess#LEFT}, and the
 * process hands it back to the queue once the step has recorded itself, so a worker that stays runs it.
 */
final class WorkerStepListener implements StepExecutionListener {

	private final CurrentRun runs;

	WorkerStepListener(CurrentRun runs) {
		this.runs = runs;
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
			return stepExecution.getExitStatus();
		}
		GenerationGate gate = this.runs.get().gate();
		String reason = String.valueOf(gate.reason());
		switch (gate.state()) {
			case STOPPING -> {
				stepExecution.setStatus(BatchStatus.STOPPED);
				return ExitStatus.STOPPED.addExitDescription(reason);
			}
			case FAILING -> {
				stepExecution.setStatus(BatchStatus.FAILED);
				return ExitStatus.FAILED.addExitDescription(reason);
			}
			case LEAVING -> {
				// not ended: the slot goes back to the manager's queue for a worker that stays (remote.SlotScreen)
				stepExecution.setStatus(BatchStatus.STARTED);
				return new ExitStatus(LeavingProcess.LEFT, reason);
			}
			default -> {
				return stepExecution.getExitStatus();
			}
		}
	}

}
