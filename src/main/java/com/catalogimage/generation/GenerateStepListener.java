package com.catalogimage.generation;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens the execution's {@link GenerationRun} before the partitions are split (an open gate, the feed at the start of
 * the instance's pending products, the skip count and budgets as earlier executions left them), and settles the
 * products that exhausted their retries once all workers are done.
 */
final class GenerateStepListener implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(GenerateStepListener.class);

	/** Opens the run of the step's execution: of this process, or shared through the database. */
	interface RunOpener {

		GenerationRun open(StepExecution stepExecution);

	}

	private final CurrentRun runs;

	private final RunOpener opener;

	private final SkippedProductRecorder recorder;

	private final TransactionTemplate transaction;

	GenerateStepListener(CurrentRun runs, GenerationRunFactory factory, SkippedProductRecorder recorder,
			TransactionTemplate transaction) {
		this(runs, step -> factory.open(step.getJobExecution().getJobInstance().getInstanceId()), recorder,
				transaction);
	}

	/**
	 * @param opener opens the execution's run; with workers in other processes, the shared run, whose gate and
	 * deferred skips this listener then reads from the database
	 */
	GenerateStepListener(CurrentRun runs, RunOpener opener, SkippedProductRecorder recorder,
			TransactionTemplate transaction) {
		this.runs = runs;
		this.opener = opener;
		this.recorder = recorder;
		this.transaction = transaction;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.runs.begin(this.opener.open(stepExecution));
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		GenerationRun run = this.runs.get();
		// every worker has ended: what the gate says now is final (a shared gate is read afresh)
		run.gate().refreshNow();
		List<DeferredSkips.Deferred> deferred = run.deferred().drain();
		if (run.gate().state() == GenerationGate.State.FAILING) {
			if (!deferred.isEmpty()) {
				log.info("{} products that failed after all retries or were rejected stay pending for the restart",
						deferred.size());
			}
			return stepExecution.getExitStatus();
		}
		this.transaction.executeWithoutResult(tx -> deferred
			.forEach(entry -> this.recorder.record(entry.item(), entry.skip())));
		return stepExecution.getExitStatus();
	}

}
