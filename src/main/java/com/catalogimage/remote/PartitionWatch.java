package com.catalogimage.remote;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.catalogimage.run.CatalogImageJob;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;

/**
 * The manager's watch over its slots while the partition handler polls the job repository for their end. Batch's
 * own wait ends only when every slot has ended, and a slot nobody takes, or whose worker was killed, never ends on its
 * own (spring-batch #4006). So every poll interval:
 * <ul>
 * <li>a slot whose worker stopped beating for {@code worker-stale-after} is dead; once the claim lease has passed
 * since its last beat (its products are back in the pool), the slot is freed and its request sent again, and a live
 * worker runs it: slots are not data, so the run completes without the dead process;</li>
 * <li>when slots wait that nobody has taken while no worker is alive, for {@code start-timeout} since the step
 * started or the last sign of a worker, those slots are closed as FAILED and the step fails with one line that says
 * how to start workers, instead of waiting forever.</li>
 * </ul>
 * A worker that leaves the run (SIGTERM) hands its slots back itself, still STARTED and untaken: a live worker takes
 * them from the queue, and with none alive they are slots nobody took, under the start timeout as above.
 */
final class PartitionWatch implements StepExecutionListener, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PartitionWatch.class);

	private final PartitionLedger ledger;

	private final JobRepository jobRepository;

	private final MessageChannel requests;

	private final RemoteProperties settings;

	private final Clock clock;

	/** The claim lease (generation's): a dead worker's products are back in the pool this long after its last beat. */
	private final Duration lease;

	private final String startWorkers;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "partition-watch");
		thread.setDaemon(true);
		return thread;
	});

	private @Nullable ScheduledFuture<?> watching;

	private final Set<Long> toldDead = new HashSet<>();

	private volatile @Nullable String verdict;

	private volatile Instant lastSign = Instant.EPOCH;

	/**
	 * @param startWorkers how to start a worker for this run, for the message when none comes
	 */
	PartitionWatch(PartitionLedger ledger, JobRepository jobRepository, MessageChannel requests,
			RemoteProperties settings, Duration lease, Clock clock, String startWorkers) {
		this.lease = lease;
		this.ledger = ledger;
		this.jobRepository = jobRepository;
		this.requests = requests;
		this.settings = settings;
		this.clock = clock;
		this.startWorkers = startWorkers;
	}

	@Override
	public synchronized void beforeStep(StepExecution manager) {
		this.verdict = null;
		this.toldDead.clear();
		this.lastSign = this.clock.instant();
		long jobExecutionId = manager.getJobExecutionId();
		long every = this.settings.pollInterval().toMillis();
		this.watching = this.scheduler.scheduleWithFixedDelay(() -> {
			try {
				check(jobExecutionId);
			}
			catch (RuntimeException ex) {
				// the database may be briefly unreachable; the next look tries again
				log.debug("Partition watch failed: {}", ex.toString());
			}
		}, every, every, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized ExitStatus afterStep(StepExecution manager) {
		if (this.watching != null) {
			this.watching.cancel(false);
			this.watching = null;
		}
		String why = this.verdict;
		if (why != null) {
			manager.addFailureException(new IllegalStateException(why));
			manager.setStatus(BatchStatus.FAILED);
			return ExitStatus.FAILED.addExitDescription(why);
		}
		return manager.getExitStatus();
	}

	/** One look at the slots of a job execution. */
	void check(long jobExecutionId) {
		Instant now = this.clock.instant();
		List<PartitionLedger.Slot> slots = this.ledger.slots(jobExecutionId);
		boolean live = false;
		for (PartitionLedger.Slot slot : slots) {
			if (slot.heldByWorker() && slot.beatAt() != null && slot.beatAt().isAfter(this.lastSign)) {
				this.lastSign = slot.beatAt();
			}
			if (!slot.running() || !slot.heldByWorker() || slot.beatAt() == null) {
				continue;
			}
			Duration silent = Duration.between(slot.beatAt(), now);
			if (silent.compareTo(this.settings.workerStaleAfter()) < 0) {
				live = true;
				continue;
			}
			Duration resendAfter = max(this.settings.workerStaleAfter(), this.lease);
			if (this.toldDead.add(slot.stepExecutionId())) {
				log.warn("Worker {} has not beaten for {} s: its slot {} is sent again {} s after its last beat, once "
						+ "its claims on products have expired", slot.worker(), silent.toSeconds(), slot.stepName(),
						resendAfter.toSeconds());
			}
			if (silent.compareTo(resendAfter) >= 0 && this.ledger.free(slot)) {
				this.toldDead.remove(slot.stepExecutionId());
				send(slot.stepExecutionId(), jobExecutionId);
				log.warn("Slot {} of dead worker {} sent again", slot.stepName(), slot.worker());
			}
		}
		if (live) {
			this.lastSign = now;
			return;
		}
		List<PartitionLedger.Slot> waiting = slots.stream().filter(slot -> slot.running() && !slot.taken()).toList();
		if (waiting.isEmpty() || Duration.between(this.lastSign, now).compareTo(this.settings.startTimeout()) < 0) {
			return;
		}
		String why = "no worker took a partition within " + HumanDurations.of(this.settings.startTimeout())
				+ ": start workers with `" + this.startWorkers + "`";
		this.verdict = why;
		for (PartitionLedger.Slot slot : waiting) {
			if (this.ledger.close(slot.stepExecutionId(), jobExecutionId)) {
				StepExecution execution = this.jobRepository.getStepExecution(slot.stepExecutionId());
				if (execution != null && execution.getStatus().isRunning()) {
					execution.setStatus(BatchStatus.FAILED);
					execution.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
					execution.setEndTime(java.time.LocalDateTime.now(this.clock));
					this.jobRepository.update(execution);
				}
			}
		}
	}

	/** A slot request, as the partition handler sends it. */
	private void send(long stepExecutionId, long jobExecutionId) {
		this.requests.send(MessageBuilder.withPayload(new StepExecutionRequest(CatalogImageJob.WORKER_STEP, stepExecutionId))
			.setHeader(PartitionRequests.JOB_EXECUTION, Long.toString(jobExecutionId))
			.build());
	}

	private static Duration max(Duration a, Duration b) {
		return a.compareTo(b) >= 0 ? a : b;
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
