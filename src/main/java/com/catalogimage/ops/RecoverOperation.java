package com.catalogimage.ops;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import com.catalogimage.run.CatalogImageJob;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;

/**
 * {@code recover [--execution ID] [--force]}: after {@code kill -9}, a power cut or an out-of-memory death, the
 * execution stays STARTED and Spring Batch refuses to run that job instance again; this marks it FAILED so that the
 * same {@code run} command continues it.
 */
class RecoverOperation implements Operation {

	private final JobRepository jobRepository;

	private final ExecutionRecovery recovery;

	RecoverOperation(JobRepository jobRepository, ExecutionRecovery recovery) {
		this.jobRepository = jobRepository;
		this.recovery = recovery;
	}

	@Override
	public String command() {
		return Commands.RECOVER;
	}

	@Override
	public int execute(Invocation invocation, PrintStream out, PrintStream err) {
		List<JobExecution> candidates = new ArrayList<>();
		Commands.Recover flags = invocation.flags(Commands.Recover.class);
		Long id = flags.execution;
		if (id != null) {
			JobExecution execution = execution(id);
			if (execution == null) {
				err.println("error: no job execution " + id + " in this database (status lists them)");
				return ExitCodes.USAGE;
			}
			if (!execution.isRunning()) {
				out.println("Execution " + id + " is " + execution.getStatus() + ": nothing to recover.");
				return ExitCodes.COMPLETED;
			}
			candidates.add(execution);
		}
		else {
			candidates.addAll(this.jobRepository.findRunningJobExecutions(CatalogImageJob.NAME));
		}
		if (candidates.isEmpty()) {
			out.println("No execution is marked running: nothing to recover.");
			return ExitCodes.COMPLETED;
		}
		boolean all = true;
		for (JobExecution execution : candidates) {
			all &= this.recovery.recover(execution, flags.force, out, err);
		}
		return all ? ExitCodes.COMPLETED : ExitCodes.ALREADY_RUNNING;
	}

	private @Nullable JobExecution execution(long id) {
		try {
			return this.jobRepository.getJobExecution(id);
		}
		catch (EmptyResultDataAccessException unknown) {
			// Batch 6 throws "Incorrect result size" for an id it does not have rather than returning null
			return null;
		}
	}

}
