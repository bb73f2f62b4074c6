package com.catalogimage.ops;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import com.catalogimage.catalog.CatalogProperties;
import com.catalogimage.generation.GenerationGate;
import com.catalogimage.generation.GenerationProperties;
import com.catalogimage.job.ApiKeys;
import com.catalogimage.job.CatalogImageJobConfiguration;
import com.catalogimage.job.JobIdentity;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.report.RunSummary;
import com.catalogimage.report.RunSummaryQuery;
import com.catalogimage.storage.OutputLayout;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.batch.core.repository.JobRepository;

/**
 * {@code run}: launches the job instance for the configured catalog, provider, model and size, or continues it after
 * a failure or stop, and turns the outcome into an exit code and a one-line summary.
 */
public class RunOperation implements Operation {

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job job;

	private final CatalogProperties catalog;

	private final ProviderProperties provider;

	private final GenerationProperties generation;

	private final ApiKeys apiKeys;

	private final RunSummaryQuery summaries;

	private final OutputLayout layout;

	private final GenerationGate gate;

	private final ExecutionRecovery recovery;

	RunOperation(JobOperator jobOperator, JobRepository jobRepository, Job job, CatalogProperties catalog,
			ProviderProperties provider, GenerationProperties generation, ApiKeys apiKeys, RunSummaryQuery summaries,
			OutputLayout layout, GenerationGate gate, ExecutionRecovery recovery) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.job = job;
		this.catalog = catalog;
		this.provider = provider;
		this.generation = generation;
		this.apiKeys = apiKeys;
		this.summaries = summaries;
		this.layout = layout;
		this.gate = gate;
		this.recovery = recovery;
	}

	@Override
	public String command() {
		return Commands.RUN.name();
	}

	@Override
	public int execute(Invocation invocation, PrintStream out, PrintStream err) throws Exception {
		return run(invocation.value("--run-id"), invocation.has("--recover"), out, err);
	}

	int run(@Nullable String runId, boolean recover, PrintStream out, PrintStream err) throws Exception {
		if (!this.provider.isSimulator() && this.apiKeys.key() == null) {
			err.println("error: the environment variable " + this.apiKeys.environmentVariable()
					+ " holding the API key is not set (needed for --provider " + this.provider.name() + ")");
			return ExitCodes.USAGE;
		}
		JobIdentity identity = JobIdentity.of(this.catalog.input(), this.provider.name(), this.provider.model(),
				this.provider.size(), this.catalog.selection().identity(), runId);
		JobParameters parameters = identity.toJobParameters();
		JobInstance instance = this.jobRepository.getJobInstance(CatalogImageJobConfiguration.JOB_NAME, parameters);
		if (instance != null) {
			JobExecution last = this.jobRepository.getLastJobExecution(instance);
			if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
				out.println("This run already completed (job instance " + instance.getInstanceId() + ", execution "
						+ last.getId() + "); nothing to do. Use a new --run-id to start a fresh run.");
				return ExitCodes.COMPLETED;
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
			execution = this.jobOperator.start(this.job, parameters);
		}
		catch (JobExecutionAlreadyRunningException | ConcurrencyFailureException ex) {
			// Two launches of one run at the same moment: the job repository creates executions in a serializable
			// transaction, so exactly one wins and the other lands here.
			err.println("error: another process is running this run right now (" + ex.getClass().getSimpleName()
					+ "); it is not disturbed");
			return ExitCodes.ALREADY_RUNNING;
		}
		Duration took = Duration.between(started, LocalDateTime.now());
		RunSummary summary = this.summaries.summarize(execution, CatalogImageJobConfiguration.GENERATE_STEP,
				this.generation.rpm());
		out.println(summary.line(execution.getStatus().name(), took) + "; report: " + this.layout.reportCsv());
		if (execution.getStatus() == BatchStatus.STOPPED && this.gate.reason() != null) {
			err.println("stopped: " + this.gate.reason());
		}
		else if (execution.getStatus() != BatchStatus.COMPLETED) {
			List<String> messages = FailureMessages.of(execution);
			if (messages.isEmpty() && this.gate.reason() != null) {
				messages = List.of(this.gate.reason());
			}
			messages.forEach(message -> err.println("error: " + message));
		}
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			err.println("Run the same command again to continue this run where it stopped.");
		}
		return exitCode(execution, summary);
	}

	static int exitCode(JobExecution execution, RunSummary summary) {
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
