package com.catalogimage.generation;

import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.ThreadLocalRandom;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.provider.ImageClient;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.storage.AttemptJournal;
import com.catalogimage.storage.ImageCache;
import com.catalogimage.storage.ImageManifest;
import com.catalogimage.storage.ImagePlacement;
import com.catalogimage.storage.OutputLayout;
import com.catalogimage.storage.ResultRepository;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
	RequestRateLimiter requestRateLimiter(GenerationProperties generation, CurrentRun runs) {
		return new RequestRateLimiter(new RequestRateLimiter.Settings(generation.rpm(), generation.burst(),
				generation.rateMargin(), generation.adaptiveRate(), generation.backoffCap()), System::nanoTime,
				runs.sleeper());
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
			CostCalculator costs) {
		return new GenerationRunFactory(generation, provider.name(), provider.model(), clock, items, results, journal,
				costs);
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
	GenerateStepParts generateStepParts(PendingItemFeed feed,
			ItemProcessor<CatalogItem, GenerationResult> processor, ItemWriter<GenerationResult> writer,
			SkippedProductRecorder skipRecorder, CurrentRun runs, GenerationRunFactory factory,
			PlatformTransactionManager transactionManager) {
		return new GenerateStepParts(feed, processor, writer, new ProductSkipPolicy(runs), skipRecorder,
				new WorkerStepListener(runs),
				new GenerateStepListener(runs, factory, skipRecorder, new TransactionTemplate(transactionManager)),
				new JobOutcomeListener(runs));
	}

}
