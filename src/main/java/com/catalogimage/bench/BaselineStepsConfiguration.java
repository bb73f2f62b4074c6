package com.catalogimage.bench;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.generation.CurrentRun;
import com.catalogimage.generation.GenerateStepParts;
import com.catalogimage.generation.GenerationProperties;
import com.catalogimage.generation.GenerationResult;
import com.catalogimage.provider.ImageClient;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.run.CatalogImageJob;
import com.catalogimage.storage.OutputLayout;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The benchmark's baselines, each a {@code generate} step that replaces the shared-feed one when
 * {@value Design#PROPERTY} names it; without that property none of this exists. The two job designs use the generate
 * step's own parts (processor, writer, skip policy, listeners), so a comparison measures scheduling and nothing else;
 * the plain pool uses only its image client.
 */
@Configuration(proxyBeanMethods = false)
class BaselineStepsConfiguration {

	/** The prototype's 16 fixed ranges per thread (docs/ARCHITECTURE.md, the fixed-ranges design). */
	static final int RANGES_PER_THREAD = 16;

	/** The prototype's chunk size for fixed ranges. */
	static final int RANGE_CHUNK = 5;

	static final String RANGE_WORKER = "generateRange";

	/**
	 * Baseline A: one chunk step whose chunk of {@code concurrency} products is processed concurrently, reading the
	 * pending products in id order. Every chunk waits for its slowest call before the next one is read.
	 */
	@Bean(CatalogImageJob.GENERATE_STEP)
	@ConditionalOnProperty(name = Design.PROPERTY, havingValue = "concurrent-chunk")
	Step concurrentChunkGenerate(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			GenerateStepParts parts, GenerationProperties generation) {
		return new StepBuilder(CatalogImageJob.GENERATE_STEP, jobRepository)
			.<CatalogItem, GenerationResult>chunk(generation.concurrency())
			.transactionManager(transactionManager)
			.reader(parts.feed())
			.processor(parts.processor())
			.writer(parts.writer())
			.faultTolerant()
			.skipPolicy(parts.skipPolicy())
			.skipListener(parts.skipRecorder())
			.taskExecutor(threads(generation.concurrency()))
			.listener(parts.runListener())
			.listener(parts.workerListener())
			.build();
	}

	/**
	 * Baseline B: {@value #RANGES_PER_THREAD} × concurrency partitions over fixed id ranges on {@code concurrency}
	 * threads, each worker reading only its range. Threads idle at the end while the last ranges finish.
	 */
	@Bean(CatalogImageJob.GENERATE_STEP)
	@ConditionalOnProperty(name = Design.PROPERTY, havingValue = "fixed-ranges")
	Step fixedRangesGenerate(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			RangeReader rangeReader, GenerateStepParts parts, GenerationProperties generation, JdbcTemplate jdbc) {
		Step worker = new StepBuilder(RANGE_WORKER, jobRepository).<CatalogItem, GenerationResult>chunk(RANGE_CHUNK)
			.transactionManager(transactionManager)
			.reader(rangeReader)
			.processor(parts.processor())
			.writer(parts.writer())
			.faultTolerant()
			.skipPolicy(parts.skipPolicy())
			.skipListener(parts.skipRecorder())
			.listener(parts.workerListener())
			.build();
		FixedRangePartitioner partitioner = new FixedRangePartitioner(jdbc);
		return new StepBuilder(CatalogImageJob.GENERATE_STEP, jobRepository)
			.partitioner(RANGE_WORKER, partitioner)
			.step(worker)
			.gridSize(RANGES_PER_THREAD * generation.concurrency())
			.taskExecutor(threads(generation.concurrency()))
			.listener(parts.runListener())
			.listener(partitioner)
			.build();
	}

	/**
	 * The floor: a plain thread pool around the job's image client, with nothing of the job around a call. Its run
	 * is not restartable and skips nothing; what it shows is how close the HTTP stack and the disk alone come to the
	 * ideal schedule on this machine.
	 */
	@Bean(CatalogImageJob.GENERATE_STEP)
	@ConditionalOnProperty(name = Design.PROPERTY, havingValue = "plain-pool")
	Step plainPoolGenerate(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			GenerateStepParts parts, GenerationProperties generation, ImageClient client, ProviderProperties provider,
			OutputLayout layout, JdbcTemplate jdbc) {
		return new StepBuilder(CatalogImageJob.GENERATE_STEP, jobRepository)
			.tasklet(new PlainPoolTasklet(parts.feed(), client, provider, layout, jdbc, transactionManager,
					generation.concurrency()),
					transactionManager)
			.listener(parts.runListener())
			.build();
	}

	/** One reader per range partition, so step-scoped; reads outside the chunk transaction like the shared feed. */
	@Bean
	@StepScope
	@ConditionalOnProperty(name = Design.PROPERTY, havingValue = "fixed-ranges")
	RangeReader rangeReader(CatalogItemRepository items, CurrentRun run,
			PlatformTransactionManager transactionManager, @Value("#{stepExecution}") StepExecution stepExecution) {
		return RangeReader.of(items, run, transactionManager, stepExecution);
	}

	private static SimpleAsyncTaskExecutor threads(int concurrency) {
		SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("generate-");
		threads.setConcurrencyLimit(concurrency);
		return threads;
	}

}
