package com.catalogimage.batchmode;

import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.generation.BatchDeliveries;
import com.catalogimage.provider.BatchImageClient;
import com.catalogimage.provider.BatchStatus;
import com.catalogimage.provider.BatchSupport;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.run.JobIdentity;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code batch} step. In {@code batch} and {@code auto} mode it submits the instance's pending products in shards
 * (at most {@code max-open-batches} open at once), polls them, and harvests each as it ends; {@code auto} also
 * cancels every open batch at the latest safe switch time and leaves the rest to the generate step. In {@code sync}
 * mode it does nothing, unless an earlier execution left batches open: then it cancels them and keeps what they
 * finished, so no image already paid for is bought again. It ends only once no PENDING product is held by a batch that
 * may still deliver it, so the generate step never buys an image a batch is buying too.
 * <p>
 * Runs outside a step transaction (each write commits on its own), so a wait of hours holds no connection.
 */
final class BatchTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(BatchTasklet.class);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final BatchImageClient client;

	private final ProviderBatchRepository batches;

	private final CatalogItemRepository items;

	private final BatchDeliveries deliveries;

	private final BatchSubmitter submitter;

	private final BatchHarvester harvester;

	private final SyncFinishEstimator estimator;

	private final BatchModeProperties properties;

	private final Clock clock;

	private final String model;

	BatchTasklet(BatchImageClient client, ProviderBatchRepository batches, CatalogItemRepository items,
			BatchDeliveries deliveries, BatchSubmitter submitter, BatchHarvester harvester,
			SyncFinishEstimator estimator, BatchModeProperties properties, Clock clock, String model) {
		this.client = client;
		this.batches = batches;
		this.items = items;
		this.deliveries = deliveries;
		this.submitter = submitter;
		this.harvester = harvester;
		this.estimator = estimator;
		this.properties = properties;
		this.clock = clock;
		this.model = model;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		long instance = step.getJobExecution().getJobInstance().getInstanceId();
		JobParameters parameters = step.getJobParameters();
		BatchMode mode = BatchMode.of(parameters.getString(JobIdentity.MODE));
		String deadlineText = parameters.getString(JobIdentity.DEADLINE);
		Instant deadline = deadlineText == null ? null : Instant.parse(deadlineText);
		List<ProviderBatch> open = this.batches.unharvested(instance);
		if (mode == BatchMode.SYNC && open.isEmpty()) {
			return RepeatStatus.FINISHED;
		}
		this.deliveries.begin(instance);
		boolean submit = mode != BatchMode.SYNC && submitAtAll(instance, mode, deadline);
		if (!submit && open.isEmpty()) {
			return RepeatStatus.FINISHED;
		}
		if (!open.isEmpty()) {
			log.info("{} batches of this run are still open; {}", open.size(),
					submit ? "following them" : "cancelling them and keeping what they finished");
		}
		Instant switchAt = mode == BatchMode.AUTO && submit ? switchTime(instance, deadline) : null;
		new Rounds(instance, submit, switchAt).run();
		end(step);
		long held = this.batches.pendingHeldByOpenBatches(instance);
		if (held > 0 && this.deliveries.isOpen()) {
			throw new IllegalStateException(held + " pending products are still held by open batches");
		}
		return RepeatStatus.FINISHED;
	}

	/** Whether to submit anything: the model must be offered for batch, and in auto the deadline far enough. */
	private boolean submitAtAll(long instance, BatchMode mode, @Nullable Instant deadline) {
		BatchSupport support;
		try {
			support = this.client.support(this.model);
		}
		catch (RetryableFailure failure) {
			// the create call says for sure; a moment's trouble is no reason to pay the standard price
			log.warn("Could not ask the provider whether {} is offered for batch ({}); trying", this.model,
					failure.status());
			support = BatchSupport.yes();
		}
		if (!support.supported()) {
			log.info("Batch mode: {}; every product is generated synchronously", support.reason());
			return false;
		}
		if (mode == BatchMode.AUTO) {
			if (deadline == null) {
				throw new IllegalStateException("auto mode needs a deadline");
			}
			long pending = this.batches.pending(instance);
			SyncFinishEstimate estimate = this.estimator.estimate(pending);
			Instant switchAt = estimate.latestSafeSwitch(deadline);
			if (!this.clock.instant().isBefore(switchAt)) {
				log.info("Batch mode auto: the deadline {} is too close for a batch ({} products take about {} "
						+ "synchronously); straight to synchronous calls", local(deadline), pending,
						readable(estimate.duration()));
				return false;
			}
		}
		return true;
	}

	private Instant switchTime(long instance, Instant deadline) {
		long pending = this.batches.pending(instance);
		SyncFinishEstimate estimate = this.estimator.estimate(pending);
		Instant switchAt = estimate.latestSafeSwitch(deadline);
		log.info("Batch mode auto: deadline {}; {} products would take about {} synchronously, so what is not done by "
				+ "{} (the latest safe switch) is generated synchronously", local(deadline), pending,
				readable(estimate.duration()), local(switchAt));
		return switchAt;
	}

	/** A closed gate ends the step as the generate step would end: STOPPED for a shutdown, FAILED for a fault. */
	private void end(StepExecution step) {
		if (this.deliveries.isOpen()) {
			return;
		}
		if (this.deliveries.isStopping()) {
			step.setTerminateOnly();
			return;
		}
		throw new BatchStepFailedException(String.valueOf(this.deliveries.reason()));
	}

	/** The rounds of one execution: submit, poll, harvest, wait, until nothing is held by an open batch. */
	private final class Rounds {

		private final long instance;

		private boolean submit;

		private final @Nullable Instant switchAt;

		private boolean switched;

		private int cancelPollsLeft = BatchTasklet.this.properties.cancelPolls();

		private Instant createNotBefore = Instant.MIN;

		/** The products up to this id have been looked at for submission in this execution. */
		private long lookedUpTo;

		Rounds(long instance, boolean submit, @Nullable Instant switchAt) {
			this.instance = instance;
			this.submit = submit;
			this.switchAt = switchAt;
			this.switched = !submit;
		}

		void run() throws InterruptedException {
			while (BatchTasklet.this.deliveries.isOpen()) {
				Instant now = BatchTasklet.this.clock.instant();
				if (!this.switched && this.switchAt != null && !now.isBefore(this.switchAt)) {
					log.info("Batch mode auto: switching to synchronous calls for what the batches have not done "
							+ "(latest safe switch {})", local(this.switchAt));
					this.switched = true;
					this.submit = false;
				}
				try {
					intents(now);
					if (this.submit) {
						submitShards();
					}
				}
				catch (RetryableFailure failure) {
					log.warn("A call to the provider's Batch API failed ({}); trying again at the next poll",
							failure.status());
				}
				poll();
				if (!BatchTasklet.this.deliveries.isOpen() || done()) {
					return;
				}
				if (!BatchTasklet.this.deliveries.pause(untilNextRound())) {
					return;
				}
			}
		}

		/** A poll interval, but no later than the switch: the switch time is the last safe moment, not a rough one. */
		private Duration untilNextRound() {
			Duration poll = BatchTasklet.this.properties.poll();
			if (this.switched || this.switchAt == null) {
				return poll;
			}
			Duration toSwitch = Duration.between(BatchTasklet.this.clock.instant(), this.switchAt);
			return toSwitch.isNegative() ? Duration.ZERO : toSwitch.compareTo(poll) < 0 ? toSwitch : poll;
		}

		private void intents(Instant now) {
			for (ProviderBatch batch : BatchTasklet.this.batches.unharvested(this.instance)) {
				if (!batch.isIntent()) {
					continue;
				}
				if (this.switched) {
					BatchTasklet.this.submitter.abandon(batch);
				}
				else if (!now.isBefore(this.createNotBefore)) {
					waitIfAsked(BatchTasklet.this.submitter.resume(batch));
				}
			}
		}

		private void submitShards() {
			while (BatchTasklet.this.deliveries.isOpen()
					&& !BatchTasklet.this.clock.instant().isBefore(this.createNotBefore)
					&& openBatches() < BatchTasklet.this.properties.maxOpenBatches()) {
				BatchSubmitter.Result result = BatchTasklet.this.submitter.submitNext(this.instance, this.lookedUpTo);
				if (result instanceof BatchSubmitter.Looked looked) {
					this.lookedUpTo = looked.upToId();
				}
				if (result instanceof BatchSubmitter.OverBudget over) {
					// the generate step's own budget then stops the run before any call: STOPPED, restartable
					log.info("The cost budget (--max-cost) leaves ${} after what is spent and what open batches hold: "
							+ "no more batches are submitted; run the same command with a larger --max-cost for the "
							+ "rest", over.left().setScale(4, RoundingMode.HALF_UP).toPlainString());
					this.submit = false;
					return;
				}
				if (result instanceof BatchSubmitter.Nothing || result instanceof BatchSubmitter.Retry) {
					return;
				}
				if (waitIfAsked(result)) {
					return;
				}
			}
		}

		private boolean waitIfAsked(BatchSubmitter.Result result) {
			if (result instanceof BatchSubmitter.Wait wait) {
				this.createNotBefore = BatchTasklet.this.clock.instant().plus(wait.delay());
				return true;
			}
			return false;
		}

		private long openBatches() {
			return BatchTasklet.this.batches.unharvested(this.instance).stream()
				.filter(batch -> !batch.cancelRequested())
				.count();
		}

		/** Asks about every batch the provider named; harvests the ended ones, cancels the others after the switch. */
		private void poll() {
			for (ProviderBatch batch : BatchTasklet.this.batches.unharvested(this.instance)) {
				if (batch.providerName() == null || !BatchTasklet.this.deliveries.isOpen()) {
					continue;
				}
				BatchStatus status;
				try {
					status = this.switched && !batch.cancelRequested() ? cancel(batch)
							: BatchTasklet.this.client.get(batch.providerName());
				}
				catch (RetryableFailure failure) {
					BatchTasklet.this.batches.recordError(batch.id(), "poll: " + failure.getMessage());
					log.warn("Asking about batch {} failed ({}); asking again at the next poll", batch.providerName(),
							failure.status());
					continue;
				}
				BatchTasklet.this.batches.recordState(batch.id(), status.state().name(), status.counts(),
						status.state().terminal() ? BatchTasklet.this.clock.instant() : null, status.error());
				if (status.state().terminal()) {
					BatchTasklet.this.harvester.harvest(BatchTasklet.this.batches.get(batch.id()), status);
				}
			}
		}

		private BatchStatus cancel(ProviderBatch batch) {
			BatchTasklet.this.batches.recordCancelRequested(batch.id());
			log.info("Cancelling batch {}; whatever it finished is kept", batch.providerName());
			return BatchTasklet.this.client.cancel(String.valueOf(batch.providerName()));
		}

		/**
		 * Whether this execution is done with its batches: none left to submit and none held open. After the switch,
		 * cancelled batches get {@code cancel-polls} polls to end; then their products are left to synchronous calls
		 * (a result that comes later counts as a billed duplicate when a later execution harvests it).
		 */
		private boolean done() {
			List<ProviderBatch> open = BatchTasklet.this.batches.unharvested(this.instance);
			boolean held = open.stream().anyMatch(batch -> !batch.cancelRequested());
			if (held || this.submit
					&& !BatchTasklet.this.items.pendingWithoutBatchAfter(this.instance, this.lookedUpTo, 1).isEmpty()) {
				return false;
			}
			if (open.isEmpty()) {
				return true;
			}
			if (this.cancelPollsLeft-- > 0) {
				return false;
			}
			log.warn("{} cancelled batches have not ended after {} polls; their products are generated synchronously, "
					+ "and a result they still deliver is billed but not applied", open.size(),
					BatchTasklet.this.properties.cancelPolls());
			return true;
		}

	}

	private static String local(Instant instant) {
		return TIME.format(instant.atZone(ZoneId.systemDefault()));
	}

	private static String readable(Duration duration) {
		long seconds = Math.max(0, duration.toSeconds());
		if (seconds >= 3600) {
			return "%dh%02dm".formatted(seconds / 3600, seconds % 3600 / 60);
		}
		if (seconds >= 60) {
			return "%dm%02ds".formatted(seconds / 60, seconds % 60);
		}
		return Math.max(1, seconds) + "s";
	}

}
