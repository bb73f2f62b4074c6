package com.catalogimage.generation;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.provider.ApiKeys;
import com.catalogimage.provider.ImageClient;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.storage.AttemptJournal;
import com.catalogimage.storage.ImageCache;
import com.catalogimage.storage.ImageManifest;
import com.catalogimage.storage.ImagePlacement;
import com.catalogimage.storage.OutputLayout;
import com.catalogimage.storage.ResultRepository;
import io.github.bucket4j.TimeMeter;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The generate step's pieces: one rate limiter for the process, one holder of the execution's run, one call stack
 * that every worker shares, and the parts the job assembles the step from.
 */
@Configuration(proxyBeanMethods = false)
class GenerationConfiguration {

	@Bean
	CurrentRun currentRun() {
		return new CurrentRun();
	}

	@Bean
	CostCalculator costCalculator(PricingProperties pricing) {
		return new CostCalculator(pricing);
	}

	/** Per JVM: it paces the calls of this process, whichever execution they are made for. */
	@Bean
	@ConditionalOnProperty(name = "imagebatch.remote.enabled", havingValue = "false", matchIfMissing = true)
	RequestRateLimiter requestRateLimiter(GenerationProperties generation, CurrentRun runs) {
		return new RequestRateLimiter(rateSettings(generation), System::nanoTime, runs.sleeper());
	}

	/**
	 * Remote mode: the permits come from the job database, so the rpm holds for every worker process calling with
	 * the same provider, model and key, and one's 429 pauses them all.
	 */
	@Bean
	@ConditionalOnProperty(name = "imagebatch.remote.enabled", havingValue = "true")
	RequestRateLimiter sharedRequestRateLimiter(GenerationProperties generation, CurrentRun runs,
			DataSource dataSource, ProviderProperties provider, ApiKeys keys) {
		SharedRateLimit shared = new SharedRateLimit(dataSource,
				SharedRateLimit.key(provider.name(), provider.model(), keys.key()), generation.rpm(),
				generation.burst(), generation.rateMargin(), TimeMeter.SYSTEM_MILLISECONDS);
		return new RequestRateLimiter(rateSettings(generation), System::nanoTime, runs.sleeper(), shared);
	}

	private static RequestRateLimiter.Settings rateSettings(GenerationProperties generation) {
		return new RequestRateLimiter.Settings(generation.rpm(), generation.burst(), generation.rateMargin(),
				generation.adaptiveRate(), generation.backoffCap());
	}

	@Bean
	ProviderCaller providerCaller(ImageClient client, RequestRateLimiter rateLimiter, GenerationProperties generation,
			Clock clock, CurrentRun runs, AttemptJournal journal, CostCalculator costs) {
		Backoff backoff = new Backoff(generation.backoffBase(), generation.backoffCap(), ThreadLocalRandom.current());
		ProviderCaller.Retries retries = new ProviderCaller.Retries(generation.maxAttempts(), backoff,
				generation.maxRetryHint(), ZoneId.systemDefault());
		return new ProviderCaller(client, rateLimiter, runs, journal, costs,
				new ProviderCaller.Settings(retries, new CallSlots(generation.concurrency()), runs.sleeper(), clock));
	}

	@Bean
	ImageGenerationProcessor imageGenerationProcessor(ImageCache cache, ProviderCaller caller, CurrentRun runs,
			OutputLayout layout, ProviderProperties provider, Clock clock) {
		return new ImageGenerationProcessor(cache, caller, runs, layout, provider.name(), provider.model(), clock);
	}

	@Bean
	OutcomeFactory outcomeFactory(ProviderProperties provider, AttemptJournal journal) {
		return new OutcomeFactory(provider.name(), provider.model(), journal);
	}

	@Bean
	GeneratedImageWriter generatedImageWriter(OutputLayout layout, CatalogItemRepository items,
			ResultRepository results, OutcomeFactory outcomes, Clock clock, ImageManifest manifest, CurrentRun runs) {
		return new GeneratedImageWriter(new ImagePlacement(layout), layout, items, results, outcomes, clock, manifest,
				runs);
	}

	@Bean
	SkippedProductRecorder skippedProductRecorder(CatalogItemRepository items, ResultRepository results,
			OutcomeFactory outcomes, Clock clock, ImageManifest manifest) {
		return new SkippedProductRecorder(items, results, outcomes, clock, manifest);
	}

	@Bean
	PendingItemFeed pendingItemFeed(CatalogItemRepository items, CurrentRun runs,
			PlatformTransactionManager transactionManager) {
		return new PendingItemFeed(items, runs, transactionManager);
	}

	@Bean
	GenerationRunFactory generationRunFactory(GenerationProperties generation, ProviderProperties provider,
			Clock clock, CatalogItemRepository items, ResultRepository results, AttemptJournal journal,
			CostCalculator costs, ObjectProvider<SpentOutsideResults> spentElsewhere) {
		return new GenerationRunFactory(generation, provider.name(), provider.model(), clock, items, results, journal,
				costs, spentElsewhere.orderedStream().toList());
	}

	/** For the batch step: batch results go through the cache, quality gate and writer of this step. */
	@Bean
	BatchDeliveries batchDeliveries(ImageCache cache, OutputLayout layout, ItemWriter<GenerationResult> writer,
			SkippedProductRecorder skips, CostCalculator costs, CurrentRun runs, GenerationRunFactory factory,
			Clock clock, ProviderProperties provider) {
		return new BatchDeliveries(cache, new QualityInspection(layout), writer, skips, costs, runs, factory, clock,
				provider.model());
	}

	/** Typed by interface, as the step uses them, so a test may wrap the processor or the writer. */
	@Bean
	@ConditionalOnProperty(name = "imagebatch.remote.enabled", havingValue = "false", matchIfMissing = true)
	GenerateStepParts generateStepParts(PendingItemFeed feed,
			ItemProcessor<CatalogItem, GenerationResult> processor, ItemWriter<GenerationResult> writer,
			SkippedProductRecorder skipRecorder, CurrentRun runs, GenerationRunFactory factory,
			PlatformTransactionManager transactionManager) {
		return new GenerateStepParts(feed, processor, writer, new ProductSkipPolicy(runs), skipRecorder,
				new WorkerStepListener(runs),
				new GenerateStepListener(runs, factory, skipRecorder, new TransactionTemplate(transactionManager)),
				new JobOutcomeListener(runs));
	}

	/**
	 * Workers in several processes ({@code imagebatch.remote.enabled=true}): the run's state they share lives in the
	 * database (docs/ARCHITECTURE.md, "Where a run's state lives"). The step parts differ from a single process's in
	 * the feed (claims with a lease), the worker listener (opens the worker process's run from the database) and the
	 * manager's listener (opens the shared run, settles deferred skips from the database).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "imagebatch.remote.enabled", havingValue = "true")
	static class SharedRunConfiguration {

		@Bean
		WorkerIdentity workerIdentity() {
			return WorkerIdentity.ofThisProcess();
		}

		@Bean
		SharedRunFactory sharedRunFactory(GenerationRunFactory local, GenerationProperties generation, Clock clock,
				CatalogItemRepository items, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
				WorkerIdentity worker) {
			return new SharedRunFactory(local, generation, clock, items, new RunGateRepository(jdbc),
					new OutsideChunk(transactionManager), worker, SharedRunFactory.MAX_AGE);
		}

		@Bean(destroyMethod = "close")
		ClaimLeases claimLeases(CatalogItemRepository items, WorkerIdentity worker, RemoteRunProperties remote,
				Clock clock, PlatformTransactionManager transactionManager) {
			return new ClaimLeases(items, worker, remote.lease(), clock, new OutsideChunk(transactionManager));
		}

		/** One claim per chunk a slot reads: no product waits, claimed, behind another slot's call. */
		@Bean
		ClaimingItemFeed claimingItemFeed(CatalogItemRepository items, CurrentRun runs, ClaimLeases leases,
				Clock clock, PlatformTransactionManager transactionManager, GenerationProperties generation) {
			Duration poll = Collections.min(List.of(leases.lease().dividedBy(4), Duration.ofSeconds(5)));
			return new ClaimingItemFeed(items, runs, leases, clock, new OutsideChunk(transactionManager),
					generation.chunkSize(), poll, runs.sleeper());
		}

		@Bean
		LeavingProcess leavingProcess(CurrentRun runs, ClaimingItemFeed feed) {
			return new LeavingProcess(runs, feed);
		}

		@Bean
		GenerateStepParts sharedGenerateStepParts(ClaimingItemFeed feed,
				ItemProcessor<CatalogItem, GenerationResult> processor, ItemWriter<GenerationResult> writer,
				SkippedProductRecorder skipRecorder, CurrentRun runs, SharedRunFactory factory,
				PlatformTransactionManager transactionManager) {
			GenerateStepListener.RunOpener shared = step -> factory
				.open(step.getJobExecution().getJobInstance().getInstanceId(), step.getJobExecutionId(),
						step.getJobExecution().getJobParameters());
			return new GenerateStepParts(feed, processor, writer, new ProductSkipPolicy(runs), skipRecorder,
					new SharedWorkerStepListener(runs, factory, feed),
					new GenerateStepListener(runs, shared, skipRecorder, new TransactionTemplate(transactionManager)),
					new JobOutcomeListener(runs));
		}

	}

}
