package com.catalogimage.remote;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.catalogimage.generation.LeavingProcess;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * Decides, before a worker runs a slot request, whether it may: the slot must be in this worker's job database under
 * the job execution the manager sent it for (else the worker uses another database), the run's provider, model and
 * output folder must be this worker's, the slot and its run must still be running (a request can outlive its run:
 * the manager killed and recovered, a slot closed because nobody took it), and nobody else may have taken it.
 * <p>
 * A worker configured differently refuses: it puts the request back on the queue for a worker that fits, takes no
 * further request, and its process ends with the reason (exit 64), since every later request would be refused too.
 */
final class SlotScreen {

	private static final Logger log = LoggerFactory.getLogger(SlotScreen.class);

	private final JobRepository jobRepository;

	private final PartitionLedger ledger;

	private final WorkerSettings settings;

	private final String worker;

	private final String database;

	private final MessageChannel requests;

	private final AtomicReference<@Nullable String> refusal = new AtomicReference<>();

	private final RemoteWorker lifecycle;

	SlotScreen(JobRepository jobRepository, PartitionLedger ledger, WorkerSettings settings, String worker,
			String database, MessageChannel requests, RemoteWorker lifecycle) {
		this.jobRepository = jobRepository;
		this.ledger = ledger;
		this.settings = settings;
		this.worker = worker;
		this.database = database;
		this.requests = requests;
		this.lifecycle = lifecycle;
	}

	boolean admit(Message<?> message) {
		if (!(message.getPayload() instanceof StepExecutionRequest request)) {
			log.warn("Ignored a message that is not a slot request: {}", message.getPayload().getClass().getName());
			return false;
		}
		if (this.refusal.get() != null || this.lifecycle.stopping()) {
			handBack(request, jobExecution(message));
			return false;
		}
		long id = request.getStepExecutionId();
		Long sentFor = jobExecution(message);
		StepExecution slot = find(id);
		Optional<String> mismatch = mismatch(id, sentFor, slot);
		if (mismatch.isPresent()) {
			String reason = "this worker cannot run the slots of job execution " + sentFor + ": " + mismatch.get()
					+ ". It put the request back for a worker started with the run's settings, and stops.";
			if (this.refusal.compareAndSet(null, reason)) {
				this.lifecycle.refuse(reason);
			}
			handBack(request, sentFor);
			return false;
		}
		JobExecution run = slot.getJobExecution();
		if (!slot.getStatus().isRunning() || !run.getStatus().isRunning()) {
			log.info("Slot {} of job execution {} has ended ({}, run {}); its request is dropped", slot.getStepName(),
					sentFor, slot.getStatus(), run.getStatus());
			return false;
		}
		if (!this.ledger.take(id, sentFor, this.worker)) {
			log.info("Slot {} of job execution {} is taken already; its request is dropped", slot.getStepName(), sentFor);
			return false;
		}
		log.info("Running slot {} of job execution {}", slot.getStepName(), sentFor);
		return true;
	}

	/**
	 * After a slot this worker ran has recorded itself: a slot its process left ({@link LeavingProcess#LEFT}, still
	 * STARTED) goes back to the queue now, with its ledger row freed, so a worker that stays runs it at once instead of
	 * the manager waiting for this worker's beats to go stale. Its products went back to the pool already.
	 */
	void afterRun(Message<?> message) {
		if (!(message.getPayload() instanceof StepExecutionRequest request)) {
			return;
		}
		StepExecution slot = find(request.getStepExecutionId());
		if (slot == null || slot.getStatus() != BatchStatus.STARTED
				|| !LeavingProcess.LEFT.equals(slot.getExitStatus().getExitCode())) {
			return;
		}
		// as a slot nobody has run yet: the worker that takes it records its own end
		slot.setExitStatus(ExitStatus.EXECUTING);
		this.jobRepository.update(slot);
		this.ledger.release(slot.getId(), this.worker);
		handBack(request, slot.getJobExecutionId());
		log.info("Slot {} of job execution {} handed back for a worker that stays", slot.getStepName(),
				slot.getJobExecutionId());
	}

	private Optional<String> mismatch(long id, @Nullable Long sentFor, @Nullable StepExecution slot) {
		if (slot == null || sentFor == null || slot.getJobExecutionId() != sentFor) {
			return Optional.of("the run's job database has slot " + id + " under job execution " + sentFor
					+ ", this worker's database " + this.database
					+ (slot == null ? " has no such slot" : " has it under job execution " + slot.getJobExecutionId())
					+ " (--db-url)");
		}
		return this.settings.mismatch(slot.getJobExecution().getJobParameters());
	}

	private @Nullable StepExecution find(long id) {
		try {
			return this.jobRepository.getStepExecution(id);
		}
		catch (RuntimeException ex) {
			log.debug("No step execution {}: {}", id, ex.toString());
			return null;
		}
	}

	private static @Nullable Long jobExecution(Message<?> message) {
		Object value = message.getHeaders().get(PartitionRequests.JOB_EXECUTION);
		if (value instanceof Number number) {
			return number.longValue();
		}
		if (value instanceof String text) {
			try {
				return Long.valueOf(text);
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	/** The request as the manager sent it, without the JMS headers this delivery added. */
	private void handBack(StepExecutionRequest request, @Nullable Long sentFor) {
		this.requests.send(MessageBuilder.withPayload(request)
			.setHeaderIfAbsent(PartitionRequests.JOB_EXECUTION, sentFor == null ? "" : sentFor.toString())
			.build());
	}

}
