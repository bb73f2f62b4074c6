package com.catalogimage.job;

import java.time.Clock;

import javax.sql.DataSource;

import com.catalogimage.catalog.CatalogStagingTasklet;
import com.catalogimage.generation.GenerateStepParts;
import com.catalogimage.generation.GenerationProperties;
import com.catalogimage.report.ProgressReporter;
import com.catalogimage.report.ReportTasklet;
import com.catalogimage.run.CatalogImageJob;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The catalog image job, assembled from what the features expose: stage the CSV (catalog), buy what the provider's
 * Batch API can deliver in batch or auto mode (batchmode), generate the rest with partitioned workers drawing from one
 * shared feed (generation), render the report (report). See
 * docs/ARCHITECTURE.md for why it has this shape.
 */
@Configuration(proxyBeanMethods = false)
class CatalogImageJobConfiguration {

	/** The switch of remote partitioning ({@code remote.RemoteProperties}), by name: the job does not depend on it. */
	private static final String REMOTE = "imagebatch.remote.enabled";

	@Bean
	Job catalogImageJob(JobRepository jobRepository, Step stage, Step batch, Step generate, Step report,
			GenerateStepParts generation, RunHeartbeat heartbeat, H2StoreHousekeeping housekeeping,
			RunHistoryRetention retention) {
		return new JobBuilder(CatalogImageJob.NAME, jobRepository).start(stage)
			.next(batch)
			.next(generate)
			.next(report)
			.listener(generation.jobListener())
			.listener(heartbeat)
			.listener(housekeeping)
			.listener(retention)
			.build();
	}

	@Bean
	RunHistoryRetention runHistoryRetention(JdbcTemplate jdbc, JobRepository jobRepository,
			RetentionProperties retention, Clock clock, PlatformTransactionManager transactionManager) {
		return new RunHistoryRetention(jdbc, jobRepository, retention, clock, transactionManager);
	}

	@Bean
	H2StoreHousekeeping h2StoreHousekeeping(DataSource dataSource) {
		return new H2StoreHousekeeping(dataSource);
	}

	@Bean
	RunHeartbeat runHeartbeat(JdbcTemplate jdbc, Clock clock) {
		return new RunHeartbeat(jdbc, clock);
	}

	/** {@code JobOperator.restart} looks jobs up here; Boot's own registry misses jobs built later. */
	@Bean
	MapJobRegistry jobRegistry() {
		return new MapJobRegistry();
	}

	// step 1: stage the catalog

	@Bean
	Step stage(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CatalogStagingTasklet tasklet) {
		return new StepBuilder(CatalogImageJob.STAGE_STEP, jobRepository).tasklet(tasklet, transactionManager).build();
	}

	// step 2: generate images

	/** Local workers; a remote run's are built by the remote feature in the worker processes. */
	@Bean
	@ConditionalOnProperty(name = REMOTE, havingValue = "false", matchIfMissing = true)
	Step generateWorker(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			GenerateStepParts parts, GenerationProperties generation) {
		return parts.workerStep(
				new StepBuilder(CatalogImageJob.WORKER_STEP, new UnchangedStepContextRepository(jobRepository)),
				transactionManager, generation.chunkSize())
			.build();
	}

	/**
	 * The benchmark swaps in its baselines with {@code imagebatch.bench.design} (bench/); a remote run sends the slots
	 * to worker processes instead (remote/). Absent both, this is the step.
	 */
	@Bean
	@ConditionalOnProperty(name = "imagebatch.bench.design", havingValue = "shared-feed", matchIfMissing = true)
	@ConditionalOnProperty(name = REMOTE, havingValue = "false", matchIfMissing = true)
	Step generate(JobRepository jobRepository, Step generateWorker, GenerationProperties generation,
			GenerateStepParts parts, ProgressReporter progress) {
		SimpleAsyncTaskExecutor workers = new SimpleAsyncTaskExecutor("generate-");
		workers.setConcurrencyLimit(generation.workers());
		return new StepBuilder(CatalogImageJob.GENERATE_STEP, jobRepository)
			.partitioner(CatalogImageJob.WORKER_STEP, new WorkerSlotPartitioner())
			.step(generateWorker)
			.gridSize(generation.workers())
			.taskExecutor(workers)
			.listener(parts.runListener())
			.listener(progress)
			.build();
	}

	// step 3: render the report

	@Bean
	Step report(JobRepository jobRepository, PlatformTransactionManager transactionManager, ReportTasklet tasklet) {
		return new StepBuilder(CatalogImageJob.REPORT_STEP, jobRepository).tasklet(tasklet, transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

}
