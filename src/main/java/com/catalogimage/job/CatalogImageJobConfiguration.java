package com.catalogimage.job;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.catalog.CatalogProperties;
import com.catalogimage.catalog.CatalogStagingTasklet;
import com.catalogimage.catalog.ProductFingerprinter;
import com.catalogimage.catalog.PromptTemplate;
import com.catalogimage.generation.CostCalculator;
import com.catalogimage.generation.DeferredSkips;
import com.catalogimage.generation.ProviderHealth;
import com.catalogimage.generation.RepeatedRejections;
import com.catalogimage.generation.RequestBudget;
import com.catalogimage.generation.SkipLimit;
import com.catalogimage.generation.SpendBudget;
import com.catalogimage.storage.AttemptJournal;
import com.catalogimage.storage.ImageManifest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import com.catalogimage.generation.GenerationGate;
import com.catalogimage.generation.GenerationProperties;
import com.catalogimage.generation.GenerationResult;
import com.catalogimage.generation.SkippedProductRecorder;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.report.ProgressReporter;
import com.catalogimage.report.ReportRenderer;
import com.catalogimage.report.ReportTasklet;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The catalog image job: stage the CSV, generate the images with partitioned workers drawing from one shared feed,
 * render the report. See docs/ARCHITECTURE.md for why it has this shape.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogImageJobConfiguration {

	public static final String JOB_NAME = "catalogImageJob";

	public static final String GENERATE_STEP = "generate";

	public static final String WORKER_STEP = "generateWorker";

	@Bean
	Job catalogImageJob(JobRepository jobRepository, Step stage, Step generate, Step report, GenerationGate gate,
			RunHeartbeat heartbeat) {
		return new JobBuilder(JOB_NAME, jobRepository).start(stage)
			.next(generate)
			.next(report)
			.listener(new JobOutcomeListener(gate))
			.listener(heartbeat)
			.build();
	}

	@Bean
	RunHeartbeat runHeartbeat(JdbcTemplate jdbc, java.time.Clock clock) {
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
			CatalogItemRepository items, CatalogProperties catalog, ProviderProperties provider,
			ImageManifest manifest) {
		CatalogStagingTasklet tasklet = new CatalogStagingTasklet(items,
				new ProductFingerprinter(provider.name(), provider.model()), new PromptTemplate(catalog.promptTemplate()),
				provider.size(), provider.aspectRatio(), manifest, catalog.selection());
		return new StepBuilder("stage", jobRepository).tasklet(tasklet, transactionManager).build();
	}

	// step 2: generate images

	@Bean
	PendingItemFeed pendingItemFeed(CatalogItemRepository items, GenerationGate gate,
			PlatformTransactionManager transactionManager) {
		return new PendingItemFeed(items, gate, transactionManager);
	}

	@Bean
	ProductSkipPolicy productSkipPolicy(SkipLimit skipLimit) {
		return new ProductSkipPolicy(skipLimit);
	}

	@Bean
	Step generateWorker(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PendingItemFeed feed, ItemProcessor<CatalogItem, GenerationResult> processor,
			ItemWriter<GenerationResult> writer,
			SkippedProductRecorder skipRecorder, ProductSkipPolicy skipPolicy, GenerationGate gate,
			GenerationProperties generation) {
		return new StepBuilder(WORKER_STEP, jobRepository).<CatalogItem, GenerationResult>chunk(generation.chunkSize())
			.transactionManager(transactionManager)
			.reader(feed)
			.processor(processor)
			.writer(writer)
			.faultTolerant()
			.skipPolicy(skipPolicy)
			.skipListener(skipRecorder)
			.listener(new WorkerStepListener(gate))
			// a restart runs every slot again; harmless, the feed only hands out what is still PENDING
			.allowStartIfComplete(true)
			.build();
	}

	@Bean
	GenerateStepListener generateStepListener(GenerationGate gate, PendingItemFeed feed, SkipLimit skipLimit,
			ProviderHealth health, RepeatedRejections rejections, DeferredSkips deferred, RequestBudget requestBudget,
			SpendBudget spendBudget, CatalogItemRepository items, AttemptJournal journal, JdbcTemplate jdbc, CostCalculator costs,
			SkippedProductRecorder recorder, PlatformTransactionManager transactionManager,
			GenerationProperties generation, ProviderProperties provider) {
		return new GenerateStepListener(
				new GenerateStepListener.SharedState(gate, feed, skipLimit, health, rejections, deferred,
						requestBudget, spendBudget),
				items, journal, jdbc, costs, recorder, new TransactionTemplate(transactionManager),
				generation.skipLimit(), provider.model(), provider.size());
	}

	/** The benchmark swaps in its baselines with {@code imagebatch.bench.design} (bench/); absent, this is the step. */
	@Bean
	@ConditionalOnProperty(name = "imagebatch.bench.design", havingValue = "shared-feed", matchIfMissing = true)
	Step generate(JobRepository jobRepository, Step generateWorker, GenerationProperties generation,
			GenerateStepListener listener, ProgressReporter progress) {
		SimpleAsyncTaskExecutor workers = new SimpleAsyncTaskExecutor("generate-");
		workers.setConcurrencyLimit(generation.concurrency());
		return new StepBuilder(GENERATE_STEP, jobRepository).partitioner(WORKER_STEP, new WorkerSlotPartitioner())
			.step(generateWorker)
			.gridSize(generation.concurrency())
			.taskExecutor(workers)
			.listener(listener)
			.listener(progress)
			.build();
	}

	// step 3: render the report

	@Bean
	ReportTasklet reportTasklet(ReportRenderer renderer) {
		return new ReportTasklet(renderer);
	}

	@Bean
	Step report(JobRepository jobRepository, PlatformTransactionManager transactionManager, ReportTasklet tasklet) {
		return new StepBuilder("report", jobRepository).tasklet(tasklet, transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

}
