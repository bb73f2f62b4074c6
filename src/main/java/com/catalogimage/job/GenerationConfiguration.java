package com.catalogimage.job;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.generation.Backoff;
import com.catalogimage.generation.CostCalculator;
import com.catalogimage.generation.GeneratedImageWriter;
import com.catalogimage.generation.GenerationGate;
import com.catalogimage.generation.GenerationProperties;
import com.catalogimage.generation.ImageGenerationProcessor;
import com.catalogimage.generation.OutcomeFactory;
import com.catalogimage.generation.PricingProperties;
import com.catalogimage.generation.ProviderCaller;
import com.catalogimage.generation.RequestRateLimiter;
import com.catalogimage.generation.Sleeper;
import com.catalogimage.generation.SkippedProductRecorder;
import com.catalogimage.provider.ImageClient;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.report.ReportRepository;
import com.catalogimage.storage.ImageCache;
import com.catalogimage.storage.ImagePlacement;
import com.catalogimage.storage.OutputLayout;
import com.catalogimage.storage.OutputProperties;
import com.catalogimage.storage.ResultRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The pieces the generate step's workers share: one rate limiter, one gate, one cache, one call stack. */
@Configuration(proxyBeanMethods = false)
public class GenerationConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

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
	GenerationGate generationGate() {
		return new GenerationGate();
	}

	@Bean
	RequestRateLimiter requestRateLimiter(GenerationProperties generation) {
		return new RequestRateLimiter(generation.rpm(), generation.burst());
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
	ProviderCaller providerCaller(ImageClient client, RequestRateLimiter rateLimiter, GenerationProperties generation,
			Clock clock, GenerationGate gate) {
		Backoff backoff = new Backoff(generation.backoffBase(), generation.backoffCap(), ThreadLocalRandom.current());
		return new ProviderCaller(client, rateLimiter, backoff, Sleeper.SYSTEM, clock, generation.maxAttempts(), gate);
	}

	@Bean
	ImageGenerationProcessor imageGenerationProcessor(ImageCache cache, ProviderCaller caller, CostCalculator costs,
			GenerationGate gate, OutputLayout layout, ProviderProperties provider, Clock clock) {
		return new ImageGenerationProcessor(cache, caller, costs, gate, layout, provider.model(), clock);
	}

	@Bean
	OutcomeFactory outcomeFactory(ProviderProperties provider) {
		return new OutcomeFactory(provider.name(), provider.model());
	}

	@Bean
	GeneratedImageWriter generatedImageWriter(OutputLayout layout, CatalogItemRepository items,
			ResultRepository results, OutcomeFactory outcomes, Clock clock) {
		return new GeneratedImageWriter(new ImagePlacement(layout), layout, items, results, outcomes, clock);
	}

	@Bean
	SkippedProductRecorder skippedProductRecorder(CatalogItemRepository items, ResultRepository results,
			OutcomeFactory outcomes, Clock clock) {
		return new SkippedProductRecorder(items, results, outcomes, clock);
	}

}
