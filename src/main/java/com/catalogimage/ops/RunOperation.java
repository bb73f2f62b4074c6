package com.catalogimage.ops;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import com.catalogimage.batchmode.BatchMode;
import com.catalogimage.batchmode.BatchModeProperties;
import com.catalogimage.batchmode.Deadline;
import com.catalogimage.catalog.CatalogProperties;
import com.catalogimage.generation.CurrentRun;
import com.catalogimage.generation.GenerationProperties;
import com.catalogimage.provider.ApiKeys;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.report.ConsoleSummary;
import com.catalogimage.report.ReportRenderer;
import com.catalogimage.report.ReportSummary;
import com.catalogimage.run.CatalogImageJob;
import com.catalogimage.run.JobIdentity;
import com.catalogimage.storage.OutputLayout;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.ConcurrencyFailureException;

/**
 * {@code run}: launches the job instance for the configured catalog, provider, model and size, or continues it after
 * a failure or stop, and turns the outcome into an exit code and a summary of a few lines.
 */
class RunOperation implements Operation {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job job;

	private final CatalogProperties catalog;

	private final ProviderProperties provider;

	private final ApiKeys apiKeys;

	private final ReportRenderer reports;

	private final OutputLayout layout;

	/** The generate step's run, which says after the job why it stopped or failed. */
	private final CurrentRun generation;

	private final ExecutionRecovery recovery;

	private final JobDatabase database;

	/** How the images are bought, and by when they are needed. */
	private final BatchModeProperties batch;

	/** The run's --max-cost and --rpd, recorded with each execution for the worker processes of a remote run. */
	private final GenerationProperties budgets;

	RunOperation(JobOperator jobOperator, JobRepository jobRepository, Job job, CatalogProperties catalog,
			ProviderProperties provider, ApiKeys apiKeys, ReportRenderer reports, OutputLayout layout,
			CurrentRun generation, ExecutionRecovery recovery, JobDatabase database, BatchModeProperties batch,
			GenerationProperties budgets) {
		this.batch = batch;
		this.budgets = budgets;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.job = job;
		this.catalog = catalog;
		this.provider = provider;
		this.apiKeys = apiKeys;
		this.reports = reports;
		this.layout = layout;
		this.generation = generation;
		this.recovery = recovery;
		this.database = database;
	}

	@Override
	public String command() {
		return Commands.RUN;
	}

	@Override
	public int execute(Invocation invocation, PrintStream out, PrintStream err) throws Exception {
		Commands.Run flags = invocation.flags(Commands.Run.class);
		return run(flags.runId, flags.recover, out, err);
	}

	int run(@Nullable String runId, boolean recover, PrintStream out, PrintStream err) throws Exception {
		if (!this.provider.isSimulator() && this.apiKeys.key() == null) {
			err.println("error: the environment variable " + this.apiKeys.environmentVariable()
					+ " holding the API key is not set (needed for --provider " + this.provider.name() + ")");
			return ExitCodes.USAGE;
		}
		Optional<String> misuse = batchModeMisuse();
		if (misuse.isPresent()) {
			err.println("error: " + misuse.get());
			return ExitCodes.USAGE;
		}
		Path output = this.layout.root();
		out.println("Job state: " + this.database.describe() + "; output: " + output);
		JobIdentity identity = JobIdentity.of(this.catalog.input(), this.provider.name(), this.provider.model(),
				this.provider.size(), this.catalog.selection().identity(), runId);
		JobParameters parameters = identity.toJobParameters(output);
		JobInstance instance = this.jobRepository.getJobInstance(CatalogImageJob.NAME, parameters);
		if (instance != null) {
			JobExecution last = this.jobRepository.getLastJobExecution(instance);
			String earlierOutput = last == null ? null : last.getJobParameters().getString(JobIdentity.OUTPUT_DIR);
			boolean elsewhere = earlierOutput != null && !earlierOutput.equals(output.toString());
			if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
				String when = last.getEndTime() == null ? "" : " on " + WHEN.format(last.getEndTime());
				if (elsewhere) {
					// the output folder is not part of the identity: say where the images are instead of doing nothing
					err.println("error: this run already completed" + when + " into " + earlierOutput
							+ " (job instance " + instance.getInstanceId() + "); nothing was written to " + output
							+ ". Copy that folder to have its images here, or add a new --run-id to generate them "
							+ "again into " + output + " (paid again).");
					return ExitCodes.USAGE;
				}
				out.println("This run already completed" + when + (earlierOutput == null ? "" : " into " + earlierOutput)
						+ " (job instance " + instance.getInstanceId() + ", execution " + last.getId()
						+ "); nothing to do. Use a new --run-id to start a fresh run.");
				return ExitCodes.COMPLETED;
			}
			if (elsewhere) {
				err.println("error: this run (execution " + last.getId() + ", " + last.getStatus() + ") writes into "
						+ earlierOutput + ", where its products done so far are; continue it with --output "
						+ earlierOutput + ", or add a new --run-id to start a separate run into " + output + ".");
				return ExitCodes.USAGE;
			}
			if (last != null && last.isRunning()) {
				if (!recover) {
					err.println("error: execution " + last.getId() + " of this run is marked " + last.getStatus()
							+ " since " + last.getStartTime() + ": another process is running it, or it was killed; "
							+ "if it was killed, run 'recover' first (or add --recover)");
					return ExitCodes.ALREADY_RUNNING;
				}
				if (!this.recovery.recover(last, false, out, err)) {
					return ExitCodes.ALREADY_RUNNING;
				}
			}
		}
		LocalDateTime started = LocalDateTime.now();
		JobExecution execution;
		try {
			execution = this.jobOperator.start(this.job, withBatchMode(parameters, Instant.now()));
		}
		catch (JobExecutionAlreadyRunningException | ConcurrencyFailureException ex) {
			// Two launches of one run at the same moment: the job repository creates executions in a serializable
			// transaction, so exactly one wins and the other lands here.
			err.println("error: another process is running this run right now (" + ex.getClass().getSimpleName()
					+ "); it is not disturbed");
			return ExitCodes.ALREADY_RUNNING;
		}
		Duration took = Duration.between(started, LocalDateTime.now());
		long instanceId = execution.getJobInstance().getInstanceId();
		ReportSummary summary = this.reports.summarize(instanceId);
		ConsoleSummary.lines(summary, execution.getStatus().name(), took).forEach(out::println);
		// a completed run's report step wrote the report; a stopped or failed one gets it here if anything was staged
		// (or every row was rejected: rejected.csv then says what is wrong with the rows)
		boolean reported = execution.getStatus() == BatchStatus.COMPLETED
				|| (summary.products() > 0 || summary.rejectedRows() > 0) && renderReportAfterStop(instanceId, err);
		if (reported) {
			out.println("  report: " + this.layout.reportHtml() + " (also report.csv, summary.csv, rejected.csv)");
		}
		String reason = this.generation.reason();
		if (execution.getStatus() == BatchStatus.STOPPED && reason != null) {
			err.println("stopped: " + reason);
		}
		else if (execution.getStatus() != BatchStatus.COMPLETED) {
			List<String> messages = FailureMessages.of(execution);
			if (messages.isEmpty() && reason != null) {
				messages = List.of(reason);
			}
			messages.forEach(message -> err.println("error: " + message));
		}
		nextStep(execution.getStatus(), summary).ifPresent(err::println);
		return exitCode(execution, summary);
	}

	/** {@code --mode auto} needs a deadline; the other modes take none (batch waits however long its batches take). */
	private Optional<String> batchModeMisuse() {
		BatchMode mode = this.batch.batchMode();
		if (mode == BatchMode.AUTO && this.batch.deadline() == null) {
			return Optional.of("--mode auto needs --deadline (" + Deadline.FORMS + "): the time the images are "
					+ "needed by, which decides when it stops waiting for batches");
		}
		if (mode != BatchMode.AUTO && this.batch.deadline() != null) {
			return Optional.of("--deadline is for --mode auto only; --mode " + mode.word() + " has no deadline");
		}
		if (this.batch.deadline() != null && !Deadline.isValid(this.batch.deadline())) {
			return Optional.of("--deadline needs " + Deadline.FORMS + ", not '" + this.batch.deadline() + "'");
		}
		return Optional.empty();
	}

	/**
	 * The execution's mode and resolved deadline, and its budgets, recorded with it but not identifying: a restart may
	 * buy its images another way, by another time, or with another budget.
	 */
	private JobParameters withBatchMode(JobParameters parameters, Instant start) {
		JobParametersBuilder builder = new JobParametersBuilder(parameters)
			.addString(JobIdentity.MODE, this.batch.batchMode().word(), false);
		if (this.batch.deadline() != null) {
			builder.addString(JobIdentity.DEADLINE,
					Deadline.resolve(this.batch.deadline(), start, ZoneId.systemDefault()).toString(), false);
		}
		if (this.budgets.maxCost() != null) {
			builder.addString(JobIdentity.MAX_COST, this.budgets.maxCost().toPlainString(), false);
		}
		if (this.budgets.rpd() > 0) {
			builder.addLong(JobIdentity.RPD, this.budgets.rpd(), false);
		}
		return builder.toJobParameters();
	}

	/**
	 * What to do after a run that did not complete. A stop (budget, quota, SIGTERM) continues as it is; a failure
	 * repeats until its cause is fixed, so "run it again" alone would send the user round in circles.
	 */
	private static Optional<String> nextStep(BatchStatus status, ReportSummary summary) {
		if (status == BatchStatus.COMPLETED) {
			return Optional.empty();
		}
		if (status == BatchStatus.STOPPED) {
			return Optional.of("Run the same command again to continue this run where it stopped.");
		}
		if (summary.products() == 0) {
			return Optional.of("Nothing was staged or generated: fix the cause above, then run the command again.");
		}
		return Optional.of("When the cause above is fixed (or has passed), run the same command again: it continues"
				+ " this run where it stopped (" + summary.pending() + (summary.pending() == 1 ? " product" : " products")
				+ " pending).");
	}

	/**
	 * The report step runs only after generation completed; when the run stopped or failed after staging (or staging
	 * failed because every row was rejected), the report files are rendered here instead, so the output folder never
	 * shows an older run's report as if it were this one, and rejected.csv says what is wrong with the rows.
	 */
	private boolean renderReportAfterStop(long instanceId, PrintStream err) {
		try {
			this.reports.render(instanceId);
			return true;
		}
		catch (Exception ex) {
			err.println("warning: could not write the report of this run into " + this.layout.root() + ": "
					+ FailureMessages.rootMessage(ex));
			return false;
		}
	}

	static int exitCode(JobExecution execution, ReportSummary summary) {
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.COMPLETED) {
			return summary.skipped() > 0 ? ExitCodes.COMPLETED_WITH_SKIPS : ExitCodes.COMPLETED;
		}
		if (status == BatchStatus.STOPPED) {
			return ExitCodes.STOPPED;
		}
		return ExitCodes.FAILED;
	}

}
