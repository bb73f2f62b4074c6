package com.catalogimage.report;

import java.io.IOException;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Last step: renders the report files for the whole job instance from the database, so after any sequence of failures
 * and restarts the report has exactly one row per product.
 */
public class ReportTasklet implements Tasklet {

	private final ReportRenderer renderer;

	public ReportTasklet(ReportRenderer renderer) {
		this.renderer = renderer;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		long instanceId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance()
			.getInstanceId();
		// the flow reaches this step only after staging and generation completed; the execution itself still says
		// STARTED until this step ends
		this.renderer.render(instanceId, BatchStatus.COMPLETED.name());
		return RepeatStatus.FINISHED;
	}

}
