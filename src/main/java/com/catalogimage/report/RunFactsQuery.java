package com.catalogimage.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.catalogimage.run.JobIdentity;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads {@link RunFacts} and finds job instances, from Spring Batch's job repository. */
public class RunFactsQuery {

	private final JobRepository jobs;

	private final JdbcTemplate jdbc;

	private final String generateStep;

	public RunFactsQuery(JobRepository jobs, JdbcTemplate jdbc, String generateStep) {
		this.jobs = jobs;
		this.jdbc = jdbc;
		this.generateStep = generateStep;
	}

	public RunFacts facts(long instanceId) {
		JobInstance instance = this.jobs.getJobInstance(instanceId);
		if (instance == null) {
			return RunFacts.unknown(instanceId);
		}
		List<JobExecution> executions = new ArrayList<>(this.jobs.getJobExecutions(instance));
		executions.sort(Comparator.comparingLong(JobExecution::getId));
		if (executions.isEmpty()) {
			return RunFacts.unknown(instanceId);
		}
		Duration wall = Duration.ZERO;
		int rpm = 0;
		for (JobExecution execution : executions) {
			for (StepExecution step : execution.getStepExecutions()) {
				if (step.getStepName().equals(this.generateStep) && step.getStartTime() != null) {
					LocalDateTime end = step.getEndTime() != null ? step.getEndTime() : step.getLastUpdated();
					if (end != null) {
						wall = wall.plus(Duration.between(step.getStartTime(), end));
					}
					rpm = step.getExecutionContext().getInt(RunFacts.RPM_KEY, rpm);
				}
			}
		}
		JobExecution last = executions.get(executions.size() - 1);
		JobParameters parameters = last.getJobParameters();
		return new RunFacts(instanceId, executions.stream().map(JobExecution::getId).toList(),
				last.getStatus().name(), string(parameters, JobIdentity.INPUT),
				string(parameters, JobIdentity.PROVIDER), string(parameters, JobIdentity.MODEL),
				string(parameters, JobIdentity.SIZE), string(parameters, JobIdentity.RUN_ID), wall, rpm,
				instant(executions.get(0).getStartTime()));
	}

	/** The job instance of an execution; empty when the database has no such execution. */
	public Optional<Long> instanceOfExecution(long executionId) {
		// asked directly: Batch 6's getJobExecution throws "Incorrect result size" for an unknown id
		return this.jdbc
			.queryForList("select job_instance_id from batch_job_execution where job_execution_id = ?", Long.class,
					executionId)
			.stream()
			.findFirst();
	}

	/** The newest job instance launched with this {@code run.id} parameter. */
	public Optional<Long> newestInstanceWithRunId(String runId) {
		List<Long> ids = this.jdbc.queryForList("""
				select e.job_instance_id
				  from batch_job_execution e
				  join batch_job_execution_params p on p.job_execution_id = e.job_execution_id
				 where p.parameter_name = ? and p.parameter_value = ?
				 order by e.job_instance_id desc
				 fetch first 1 rows only""", Long.class, JobIdentity.RUN_ID, runId);
		return ids.stream().findFirst();
	}

	private static @Nullable String string(JobParameters parameters, String name) {
		var parameter = parameters.getParameter(name);
		return parameter == null ? null : String.valueOf(parameter.value());
	}

	private static @Nullable Instant instant(@Nullable LocalDateTime time) {
		return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
	}

}
