package com.catalogimage.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker step's repository skips a chunk's context write only when the database already holds that very context:
 * a changed, a removed or a rolled-back entry is written, and so is a finished step's last context.
 */
class UnchangedStepContextRepositoryTests {

	private final RecordingRepository database = new RecordingRepository();

	private final UnchangedStepContextRepository repository = new UnchangedStepContextRepository(this.database);

	private final StepExecution step = runningStep();

	@AfterEach
	void clearSynchronization() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.clearSynchronization();
		}
	}

	@Test
	void anUnchangedContextIsWrittenOnce() {
		this.step.getExecutionContext().putInt("worker.index", 3);
		chunk(TransactionSynchronization.STATUS_COMMITTED);
		chunk(TransactionSynchronization.STATUS_COMMITTED);
		chunk(TransactionSynchronization.STATUS_COMMITTED);

		assertThat(this.database.written).containsExactly(Map.of("worker.index", 3));
	}

	@Test
	void aChangedContextIsWrittenAgain() {
		this.step.getExecutionContext().putInt("worker.index", 3);
		chunk(TransactionSynchronization.STATUS_COMMITTED);
		this.step.getExecutionContext().putLong("read.offset", 7);
		chunk(TransactionSynchronization.STATUS_COMMITTED);

		assertThat(this.database.written).containsExactly(Map.of("worker.index", 3),
				Map.of("worker.index", 3, "read.offset", 7L));
	}

	/** Spring Batch removes its scan offset with {@code remove}, which does not mark the context dirty. */
	@Test
	void aRemovedKeyIsWrittenAgain() {
		this.step.getExecutionContext().putInt("worker.index", 3);
		this.step.getExecutionContext().putInt("batch.chunkScanOffset", 1);
		chunk(TransactionSynchronization.STATUS_COMMITTED);
		this.step.getExecutionContext().remove("batch.chunkScanOffset");
		assertThat(this.step.getExecutionContext().isDirty()).isFalse();
		chunk(TransactionSynchronization.STATUS_COMMITTED);

		assertThat(this.database.written).containsExactly(Map.of("worker.index", 3, "batch.chunkScanOffset", 1),
				Map.of("worker.index", 3));
	}

	@Test
	void aWriteThatRolledBackIsNotTakenForWritten() {
		this.step.getExecutionContext().putInt("worker.index", 3);
		chunk(TransactionSynchronization.STATUS_COMMITTED);
		this.step.getExecutionContext().putLong("read.offset", 7);
		chunk(TransactionSynchronization.STATUS_ROLLED_BACK);
		// the database still holds the first context; the next chunk must write the second one
		chunk(TransactionSynchronization.STATUS_COMMITTED);
		chunk(TransactionSynchronization.STATUS_COMMITTED);

		assertThat(this.database.written).containsExactly(Map.of("worker.index", 3),
				Map.of("worker.index", 3, "read.offset", 7L), Map.of("worker.index", 3, "read.offset", 7L));
	}

	@Test
	void aFinishedStepWritesItsLastContext() {
		this.step.getExecutionContext().putInt("worker.index", 3);
		chunk(TransactionSynchronization.STATUS_COMMITTED);
		this.step.setStatus(BatchStatus.COMPLETED);
		this.repository.updateExecutionContext(this.step);

		assertThat(this.database.written).hasSize(2);
	}

	@Test
	void outsideATransactionAWriteCountsAsDone() {
		this.step.getExecutionContext().putInt("worker.index", 3);
		this.repository.updateExecutionContext(this.step);
		this.repository.updateExecutionContext(this.step);

		assertThat(this.database.written).hasSize(1);
	}

	/** One chunk's end as the chunk-oriented step does it: the context written inside the chunk's transaction. */
	private void chunk(int completion) {
		TransactionSynchronizationManager.initSynchronization();
		this.repository.updateExecutionContext(this.step);
		List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
		TransactionSynchronizationManager.clearSynchronization();
		synchronizations.forEach(synchronization -> synchronization.afterCompletion(completion));
	}

	private static StepExecution runningStep() {
		JobExecution job = new JobExecution(1, new JobInstance(1, "job"), new JobParameters());
		StepExecution step = new StepExecution(2, "worker0", job);
		step.setStatus(BatchStatus.STARTED);
		return step;
	}

	/** Records each context written and clears the dirty flag, as the JDBC repository does. */
	private static final class RecordingRepository implements JobRepository {

		final List<Map<String, Object>> written = new ArrayList<>();

		@Override
		public void updateExecutionContext(StepExecution stepExecution) {
			this.written.add(new HashMap<>(stepExecution.getExecutionContext().toMap()));
			stepExecution.getExecutionContext().clearDirtyFlag();
		}

		@Override
		public JobInstance createJobInstance(String jobName, JobParameters jobParameters) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void update(JobExecution jobExecution) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void updateExecutionContext(JobExecution jobExecution) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void update(StepExecution stepExecution) {
			throw new UnsupportedOperationException();
		}

	}

}
