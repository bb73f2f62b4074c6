package com.catalogimage.job;

import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.ThreadLocalRandom;

import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.generation.Backoff;
import com.catalogimage.generation.CostCalculator;
import com.catalogimage.generation.DeferredSkips;
import com.catalogimage.generation.GeneratedImageWriter;
import com.catalogimage.generation.GenerationGate;
import com.catalogimage.generation.GenerationProperties;
import com.catalogimage.generation.ImageGenerationProcessor;
import com.catalogimage.generation.OutcomeFactory;
import com.catalogimage.generation.PricingProperties;
import com.catalogimage.generation.ProviderCaller;
import com.catalogimage.generation.ProviderHealth;
import com.catalogimage.generation.RepeatedRejections;
import com.catalogimage.generation.RequestBudget;
import com.catalogimage.generation.RequestRateLimiter;
import com.catalogimage.generation.SkipLimit;
import com.catalogimage.generation.SkippedProductRecorder;
import com.catalogimage.generation.Sleeper;
import com.catalogimage.generation.SpendBudget;
import com.catalogimage.provider.ImageClient;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.report.ReportRepository;
import com.catalogimage.storage.AttemptJournal;
import com.catalogimage.storage.ImageCache;
import com.catalogimage.storage.ImageManifest;
import com.catalogimage.storage.ImagePlacement;
import com.catalogimage.storage.OutputLayout;
import com.catalogimage.storage.OutputProperties;
import com.catalogimage.storage.ResultRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** The pieces the generate step's workers share: one rate limiter, one gate, one cache, one call stack. */
@Configuration(proxyBeanMethods = false)
public class GenerationConfiguration {

	@Bean
	OutputLayout outputLayout(OutputProperties output) {
		return new OutputLayout(output.dir());
	}

	@Bean
	CatalogItemRepository catalogItemRepository(JdbcTemplate jdbc) {
		return new CatalogItemRepository(jdbc);
	}

	@Bean
	ResultRepository resultRepository(JdbcTemplate jdbc) {
		return new ResultRepository(jdbc);
	}

	@Bean
	ReportRepository reportRepository(JdbcTemplate jdbc) {
		return new ReportRepository(jdbc);
	}

	@Bean
	ImageManifest imageManifest(JdbcTemplate jdbc, OutputLayout layout) {
		return new ImageManifest(jdbc, layout);
	}

	@Bean
	AttemptJournal attemptJournal(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
		return new AttemptJournal(jdbc, transactionManager);
	}

	@Bean
	GenerationGate generationGate() {
		return new GenerationGate();
	}

	@Bean
	SkipLimit skipLimit() {
		return new SkipLimit();
	}

	@Bean
	ProviderHealth providerHealth(GenerationProperties generation) {
		return new ProviderHealth(generation.healthWindow(), generation.healthMinSamples(),
				generation.healthThreshold());
	}

	@Bean
	RepeatedRejections repeatedRejections(GenerationProperties generation) {
		return new RepeatedRejections(generation.configErrorAfter());
	}

	@Bean
	DeferredSkips deferredSkips() {
		return new DeferredSkips();
	}

	@Bean
	RequestRateLimiter requestRateLimiter(GenerationProperties generation, GenerationGate gate) {
		return new RequestRateLimiter(new RequestRateLimiter.Settings(generation.rpm(), generation.burst(),
				generation.rateMargin(), generation.adaptiveRate(), generation.backoffCap()), System::nanoTime,
				Sleeper.on(gate));
	}

	@Bean
	RequestBudget requestBudget(GenerationProperties generation, ProviderProperties provider, AttemptJournal journal,
			Clock clock) {
		return new RequestBudget(generation.rpd(), generation.rpdZone(), clock,
				since -> journal.countSince(provider.name(), provider.model(), since));
	}

	@Bean
	SpendBudget spendBudget(GenerationProperties generation) {
		return new SpendBudget(generation.maxCost());
	}

	@Bean
	CostCalculator costCalculator(PricingProperties pricing) {
		return new CostCalculator(pricing);
	}

	@Bean
	ImageCache imageCache(OutputLayout layout) {
		return new ImageCache(layout.cache());
	}

	@Bean
	ProviderCaller providerCaller(ImageClient client, RequestRateLimiter rateLimiter, RequestBudget requestBudget,
			SpendBudget spendBudget, GenerationProperties generation, Clock clock, GenerationGate gate,
			AttemptJournal journal, CostCalculator costs) {
		Backoff backoff = new Backoff(generation.backoffBase(), generation.backoffCap(), ThreadLocalRandom.current());
		ProviderCaller.Retries retries = new ProviderCaller.Retries(generation.maxAttempts(), backoff,
				generation.maxRetryHint(), ZoneId.systemDefault());
		return new ProviderCaller(client, new ProviderCaller.Limits(rateLimiter, requestBudget, spendBudget), retries,
				Sleeper.on(gate), clock, gate, journal, costs);
	}

	@Bean
	ImageGenerationProcessor imageGenerationProcessor(ImageCache cache, ProviderCaller caller, GenerationGate gate,
			ProviderHealth health, RepeatedRejections rejections, DeferredSkips deferred, SkipLimit skipLimit,
			OutputLayout layout, ProviderProperties provider, Clock clock) {
		return new ImageGenerationProcessor(cache, caller,
				new ImageGenerationProcessor.Verdicts(gate, health, rejections, deferred, skipLimit), layout,
				provider.name(), provider.model(), clock);
	}

	@Bean
	OutcomeFactory outcomeFactory(ProviderProperties provider, AttemptJournal journal) {
		return new OutcomeFactory(provider.name(), provider.model(), journal);
	}

	@Bean
	GeneratedImageWriter generatedImageWriter(OutputLayout layout, CatalogItemRepository items,
			ResultRepository results, OutcomeFactory outcomes, Clock clock, ImageManifest manifest,
			GenerationGate gate) {
		return new GeneratedImageWriter(new ImagePlacement(layout), layout, items, results, outcomes, clock, manifest,
				gate);
	}

	@Bean
	SkippedProductRecorder skippedProductRecorder(CatalogItemRepository items, ResultRepository results,
			OutcomeFactory outcomes, Clock clock, ImageManifest manifest) {
		return new SkippedProductRecorder(items, results, outcomes, clock, manifest);
	}

}
