package com.catalogimage.job;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.NoSuchJobException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.NoSuchStepException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The job repository as the generate step's workers see it: a step execution's context is written only when it
 * differs from what this repository last committed for that execution; everything else goes to the real repository.
 * <p>
 * Why: Spring Batch 6's chunk-oriented step writes the step's execution context after every chunk, changed or not
 * (Batch 5's tasklet step wrote it only when dirty). A worker's context never changes while it runs (the shared feed
 * keeps no restart state: PENDING in the database is the process indicator), and with one product per chunk that
 * write was a serialization, an update and one more B-tree map in every chunk's commit (the write alone: 3.5 % of
 * the worker threads' profile samples).
 * <p>
 * A context is skipped only when it equals the copy taken after the last write whose transaction committed and is
 * not marked dirty since. A write whose transaction rolled back forgets the copy, so the next chunk writes again; a
 * key removed (which does not mark the context dirty) makes it differ from the copy. A finished step execution's
 * last write always goes through, and its copy is dropped.
 */
final class UnchangedStepContextRepository implements JobRepository {

	private final JobRepository delegate;

	/** Per running step execution: its context as last committed by this repository. */
	private final Map<Long, ExecutionContext> committed = new ConcurrentHashMap<>();

	UnchangedStepContextRepository(JobRepository delegate) {
		this.delegate = delegate;
	}

	@Override
	public void updateExecutionContext(StepExecution stepExecution) {
		long id = stepExecution.getId();
		ExecutionContext context = stepExecution.getExecutionContext();
		ExecutionContext last = this.committed.get(id);
		boolean running = stepExecution.getStatus().isRunning();
		if (running && last != null && !context.isDirty() && last.equals(context)) {
			return;
		}
		this.delegate.updateExecutionContext(stepExecution);
		if (!running) {
			this.committed.remove(id);
			return;
		}
		ExecutionContext written = new ExecutionContext(context);
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.committed.put(id, written);
			return;
		}
		// until the chunk commits, the database may still hold the previous context: no skip meanwhile
		this.committed.remove(id);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				if (status == STATUS_COMMITTED) {
					UnchangedStepContextRepository.this.committed.put(id, written);
				}
			}
		});
	}

	@Override
	public void update(StepExecution stepExecution) {
		this.delegate.update(stepExecution);
	}

	@Override
	public void updateExecutionContext(JobExecution jobExecution) {
		this.delegate.updateExecutionContext(jobExecution);
	}

	@Override
	public void update(JobExecution jobExecution) {
		this.delegate.update(jobExecution);
	}

	@Override
	public JobInstance createJobInstance(String jobName, JobParameters jobParameters) {
		return this.delegate.createJobInstance(jobName, jobParameters);
	}

	@Override
	public void deleteJobInstance(JobInstance jobInstance) {
		this.delegate.deleteJobInstance(jobInstance);
	}

	@Override
	public JobExecution createJobExecution(JobInstance jobInstance, JobParameters jobParameters,
			ExecutionContext executionContext) {
		return this.delegate.createJobExecution(jobInstance, jobParameters, executionContext);
	}

	@Override
	public void deleteJobExecution(JobExecution jobExecution) {
		this.delegate.deleteJobExecution(jobExecution);
	}

	@Override
	public StepExecution createStepExecution(String stepName, JobExecution jobExecution) {
		return this.delegate.createStepExecution(stepName, jobExecution);
	}

	@Override
	public void deleteStepExecution(StepExecution stepExecution) {
		this.delegate.deleteStepExecution(stepExecution);
	}

	@Override
	public List<String> getJobNames() {
		return this.delegate.getJobNames();
	}

	@Override
	public List<JobInstance> getJobInstances(String jobName, int start, int count) {
		return this.delegate.getJobInstances(jobName, start, count);
	}

	@Override
	public List<JobInstance> findJobInstances(String jobName) {
		return this.delegate.findJobInstances(jobName);
	}

	@Override
	@SuppressWarnings("removal")
	public List<JobInstance> findJobInstancesByJobName(String jobName, int start, int count) {
		return this.delegate.findJobInstancesByJobName(jobName, start, count);
	}

	@Override
	@SuppressWarnings("removal")
	public List<JobInstance> findJobInstancesByName(String jobName, int start, int count) {
		return this.delegate.findJobInstancesByName(jobName, start, count);
	}

	@Override
	@SuppressWarnings("removal")
	public boolean isJobInstanceExists(String jobName, JobParameters jobParameters) {
		return this.delegate.isJobInstanceExists(jobName, jobParameters);
	}

	@Override
	public @Nullable JobInstance getJobInstance(long instanceId) {
		return this.delegate.getJobInstance(instanceId);
	}

	@Override
	public @Nullable JobInstance getLastJobInstance(String jobName) {
		return this.delegate.getLastJobInstance(jobName);
	}

	@Override
	public @Nullable JobInstance getJobInstance(String jobName, JobParameters jobParameters) {
		return this.delegate.getJobInstance(jobName, jobParameters);
	}

	@Override
	public long getJobInstanceCount(String jobName) throws NoSuchJobException {
		return this.delegate.getJobInstanceCount(jobName);
	}

	@Override
	public @Nullable JobExecution getJobExecution(long executionId) {
		return this.delegate.getJobExecution(executionId);
	}

	@Override
	public List<JobExecution> getJobExecutions(JobInstance jobInstance) {
		return this.delegate.getJobExecutions(jobInstance);
	}

	@Override
	@SuppressWarnings("removal")
	public List<JobExecution> findJobExecutions(JobInstance jobInstance) {
		return this.delegate.findJobExecutions(jobInstance);
	}

	@Override
	public @Nullable JobExecution getLastJobExecution(JobInstance jobInstance) {
		return this.delegate.getLastJobExecution(jobInstance);
	}

	@Override
	public @Nullable JobExecution getLastJobExecution(String jobName, JobParameters jobParameters) {
		return this.delegate.getLastJobExecution(jobName, jobParameters);
	}

	@Override
	public Set<JobExecution> findRunningJobExecutions(String jobName) {
		return this.delegate.findRunningJobExecutions(jobName);
	}

	@Override
	@SuppressWarnings("removal")
	public @Nullable StepExecution getStepExecution(long jobExecutionId, long stepExecutionId) {
		return this.delegate.getStepExecution(jobExecutionId, stepExecutionId);
	}

	@Override
	public @Nullable StepExecution getStepExecution(long stepExecutionId) {
		return this.delegate.getStepExecution(stepExecutionId);
	}

	@Override
	public @Nullable StepExecution getLastStepExecution(JobInstance jobInstance, String stepName) {
		return this.delegate.getLastStepExecution(jobInstance, stepName);
	}

	@Override
	public long getStepExecutionCount(JobInstance jobInstance, String stepName) throws NoSuchStepException {
		return this.delegate.getStepExecutionCount(jobInstance, stepName);
	}

}
