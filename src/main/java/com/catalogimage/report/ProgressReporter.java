package com.catalogimage.report;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import com.catalogimage.run.CatalogImageJob;
import com.catalogimage.run.JobIdentity;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Says how far the generate step is every few seconds: done/total, images per minute, ETA, money spent and 429s, and
 * for a run with provider batches their states, and the time left to the run's deadline (the {@code deadline} job
 * parameter of the running execution) when it has one. On a terminal it redraws one bar line in place; otherwise
 * (cron, a pipe) it logs a plain INFO line each time. It reads the counts from the database on its own thread, so it
 * neither slows nor depends on the workers, and it ends with one final line when the step ends. It also records the
 * configured RPM in the step's context, so a report rendered later for this run can say what share of it the run
 * used.
 */
public class ProgressReporter implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

	private final Progress.Source source;

	private final Duration interval;

	private final int rpm;

	private final @Nullable PrintStream terminal;

	private final LongSupplier nanoTime;

	private final Clock clock;

	private @Nullable ScheduledExecutorService scheduler;

	private volatile @Nullable Instant deadline;

	/** Whether the step is the batch step, which shows progress only for a run that has provider batches. */
	private volatile boolean batchStep;

	private volatile long instanceId;

	private volatile long executionId;

	private volatile long doneAtStart;

	private volatile long startNanos;

	private int lastBarLength;

	private boolean active;

	/**
	 * @param interval time between reports; zero or negative for none (the final line is still logged)
	 * @param terminal where to draw the live bar, or null to log lines instead
	 * @param nanoTime the monotonic time the rates are measured with
	 * @param clock the wall time the deadline is compared with
	 */
	public ProgressReporter(Progress.Source source, Duration interval, int rpm, @Nullable PrintStream terminal,
			LongSupplier nanoTime, Clock clock) {
		this.source = source;
		this.interval = interval;
		this.rpm = rpm;
		this.terminal = terminal;
		this.nanoTime = nanoTime;
		this.clock = clock;
	}

	@Override
	public synchronized void beforeStep(StepExecution stepExecution) {
		stepExecution.getExecutionContext().putInt(RunFacts.RPM_KEY, this.rpm);
		this.batchStep = CatalogImageJob.BATCH_STEP.equals(stepExecution.getStepName());
		this.instanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
		this.executionId = stepExecution.getJobExecutionId();
		this.deadline = deadline(stepExecution.getJobExecution().getJobParameters());
		this.startNanos = this.nanoTime.getAsLong();
		this.doneAtStart = this.source.read(this.instanceId, this.executionId).done();
		this.lastBarLength = 0;
		this.active = true;
		if (!this.interval.isZero() && !this.interval.isNegative()) {
			this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
				Thread thread = new Thread(runnable, "progress");
				thread.setDaemon(true);
				return thread;
			});
			long millis = this.interval.toMillis();
			this.scheduler.scheduleAtFixedRate(this::report, millis, millis, TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public synchronized ExitStatus afterStep(StepExecution stepExecution) {
		this.active = false;
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
		try {
			Progress progress = this.source.read(this.instanceId, this.executionId);
			if (silent(progress)) {
				return stepExecution.getExitStatus();
			}
			if (this.terminal != null && this.lastBarLength > 0) {
				this.terminal.println();
			}
			log.info("{} ({})", ProgressLine.text(progress, this.doneAtStart, elapsed(), toDeadline()),
					stepExecution.getStatus());
		}
		catch (RuntimeException ex) {
			log.debug("No final progress line", ex);
		}
		return stepExecution.getExitStatus();
	}

	/** A sync run's batch step has nothing to show: no line, so the generate step's line is the first. */
	private boolean silent(Progress progress) {
		return this.batchStep && progress.batches().isEmpty();
	}

	/** Reads and shows the progress once; what the scheduler runs every interval. */
	synchronized void report() {
		if (!this.active) {
			return;
		}
		try {
			Progress progress = this.source.read(this.instanceId, this.executionId);
			if (silent(progress)) {
				return;
			}
			if (this.terminal != null) {
				String bar = ProgressLine.bar(progress, this.doneAtStart, elapsed(), toDeadline());
				// pad over a longer previous bar, since \r only moves the cursor back
				String padding = " ".repeat(Math.max(0, this.lastBarLength - bar.length()));
				this.terminal.print("\r" + bar + padding);
				this.terminal.flush();
				this.lastBarLength = bar.length();
			}
			else {
				log.info(ProgressLine.text(progress, this.doneAtStart, elapsed(), toDeadline()));
			}
		}
		catch (RuntimeException ex) {
			// a busy database or a closing context must not end the schedule, nor the job
			log.debug("Progress not available this time", ex);
		}
	}

	private @Nullable Duration toDeadline() {
		Instant at = this.deadline;
		return at == null ? null : Duration.between(this.clock.instant(), at);
	}

	/**
	 * The execution's deadline: an ISO instant as the run command records it, or null when the run has none. An
	 * unreadable value only costs the progress line its deadline, never the step.
	 */
	static @Nullable Instant deadline(JobParameters parameters) {
		JobParameter<?> parameter = parameters.getParameter(JobIdentity.DEADLINE);
		if (parameter == null) {
			return null;
		}
		if (parameter.value() instanceof Instant instant) {
			return instant;
		}
		try {
			return Instant.parse(String.valueOf(parameter.value()));
		}
		catch (DateTimeParseException ex) {
			log.debug("Deadline parameter {} is no ISO instant; the progress line goes without it", parameter.value());
			return null;
		}
	}

	private Duration elapsed() {
		return Duration.ofNanos(this.nanoTime.getAsLong() - this.startNanos);
	}

}
