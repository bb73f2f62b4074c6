package com.catalogimage.generation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.catalog.ProductStatus;
import com.catalogimage.image.Dimensions;
import com.catalogimage.image.ImageSize;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.LocalWriteException;
import com.catalogimage.provider.ReferenceImage;
import com.catalogimage.provider.SystemicFailure;
import com.catalogimage.provider.TokenUsage;
import com.catalogimage.storage.AttemptJournal;
import com.catalogimage.storage.CachedImage;
import com.catalogimage.storage.ResultFigures.Origin;
import com.catalogimage.storage.ImageCache;
import com.catalogimage.storage.OutputLayout;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Turns a pending product into an image in the cache. The cache is looked up first, so a chunk re-run after a crash
 * or rollback pays for nothing it already received; the call itself goes through {@link ProviderCaller}. Returning
 * null (a filtered item) leaves the product PENDING: that is what happens once the {@link GenerationGate} is closed,
 * and to products that exhausted their retries until the step knows whether the provider was failing. Item-level
 * failures propagate as {@link ProductSkippedException} for the step's skip policy. Shared by all workers, so it
 * holds no per-item state.
 */
final class ImageGenerationProcessor implements ItemProcessor<CatalogItem, GenerationResult> {

	private static final Logger log = LoggerFactory.getLogger(ImageGenerationProcessor.class);

	private final ImageCache cache;

	private final ProviderCaller caller;

	/** The execution's run: its gate, and what decides how it goes on after a product fails. */
	private final CurrentRun runs;

	private final OutputLayout layout;

	private final String provider;

	private final String model;

	private final Clock clock;

	private final QualityInspection inspection;

	ImageGenerationProcessor(ImageCache cache, ProviderCaller caller, CurrentRun runs, OutputLayout layout,
			String provider, String model, Clock clock) {
		this.cache = cache;
		this.caller = caller;
		this.runs = runs;
		this.layout = layout;
		this.provider = provider;
		this.model = model;
		this.clock = clock;
		this.inspection = new QualityInspection(layout);
	}

	@Override
	public @Nullable GenerationResult process(CatalogItem item) {
		GenerationRun run = this.runs.get();
		if (!run.gate().isOpen()) {
			return null;
		}
		try {
			return generate(run, item);
		}
		catch (LocalWriteException failure) {
			return localFault(run.gate(), item, failure);
		}
		finally {
			// a call that failed in a way that may end the run kept its slot until the gate had its say (above)
			this.caller.releaseHeldSlot();
		}
	}

	private @Nullable GenerationResult generate(GenerationRun run, CatalogItem item) {
		Instant started = this.clock.instant();
		Optional<CachedImage> cached = this.cache.find(item.fingerprint());
		if (cached.isPresent()) {
			Dimensions size = this.inspection.inspect(item, cached.get(), AttemptStats.NONE, started);
			return result(item, ProductStatus.CACHED, cached.get(), size, AttemptStats.NONE, null, Cost.CACHE,
					started);
		}
		ImageRequest request = new ImageRequest(this.model, item.prompt(), ImageSize.parse(item.size()).orElseThrow(),
				item.aspectRatio(), references(item));
		Delivery delivery;
		try {
			delivery = this.caller.call(request, this.layout.work(), caller(item));
		}
		catch (CallAbandonedException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (SystemicFailure failure) {
			return endJob(run.gate(), item, failure);
		}
		catch (ProductSkippedException skip) {
			if (skip.getCause() instanceof ItemFailure failure && failure.invalidRequest()) {
				return rejected(run, item, skip, failure);
			}
			if (!skip.retriesExhausted()) {
				throw skip;
			}
			return defer(run, item, skip);
		}
		run.health().succeeded();
		run.rejections().succeeded();
		CachedImage stored;
		try {
			stored = this.cache.store(item.fingerprint(), delivery.image());
		}
		catch (LocalWriteException failure) {
			this.caller.unsaved(delivery, failure);
			throw failure;
		}
		Dimensions size = this.inspection.inspect(item, stored, delivery.stats(), started);
		Instant firstAttempt = delivery.stats().firstAttemptAt();
		return result(item, ProductStatus.GENERATED, stored, size, delivery.stats(), delivery.image().usage(),
				delivery.cost(), firstAttempt != null ? firstAttempt : started);
	}

	private @Nullable GenerationResult defer(GenerationRun run, CatalogItem item, ProductSkippedException skip) {
		if (run.health().failed()) {
			String why = "the provider is failing: %s (last: %s on product %s)".formatted(run.health().describe(),
					skip.reason(), item.sku());
			log.error("Failing the job: {}", why);
			run.gate().fail(why);
			return null;
		}
		if (!run.skips().take()) {
			String why = "more than %d products skipped (--skip-limit); last: %s %s".formatted(run.skips().limit(),
					item.sku(), skip.reason());
			log.error("Failing the job: {}", why);
			run.gate().fail(why);
			return null;
		}
		log.warn("Product {} failed after {} attempts ({}); it is skipped unless the job fails", item.sku(),
				skip.stats().attempts(), skip.reason());
		run.deferred().add(item, skip);
		return null;
	}

	/**
	 * The provider rejected this product's request. The same rejection for product after product is a configuration
	 * error and fails the run; until that is decided the product waits with those that exhausted their retries, so a
	 * run that fails this way leaves it PENDING for the restart with the fixed setting.
	 */
	private @Nullable GenerationResult rejected(GenerationRun run, CatalogItem item, ProductSkippedException skip,
			ItemFailure failure) {
		RepeatedRejections rejections = run.rejections();
		if (rejections.rejected(failure.status(), failure.getMessage())) {
			String why = "configuration error: the provider rejected the requests of %d products in a row the same way (%s); fix the setting it names and run the same command again"
				.formatted(rejections.limit(), failure.getMessage());
			log.error("Failing the job: {}", why);
			run.gate().fail(why);
			return null;
		}
		if (!run.gate().isOpen()) {
			return null;
		}
		if (!run.skips().take()) {
			String why = "more than %d products skipped (--skip-limit); last: %s %s".formatted(run.skips().limit(),
					item.sku(), skip.reason());
			log.error("Failing the job: {}", why);
			run.gate().fail(why);
			return null;
		}
		log.warn("Product {} was rejected by the provider ({}); it is skipped unless the run fails", item.sku(),
				skip.getMessage());
		run.deferred().add(item, skip);
		return null;
	}

	/** Staging resolved the reference to an absolute path and checked it; the client checks it again before sending. */
	private static List<ReferenceImage> references(CatalogItem item) {
		return item.referenceImage() == null ? List.of() : List.of(ReferenceImage.of(Path.of(item.referenceImage())));
	}

	private @Nullable GenerationResult endJob(GenerationGate gate, CatalogItem item, SystemicFailure failure) {
		String why = "%s (product %s): %s".formatted(failure.status(), item.sku(), failure.getMessage());
		if (failure.ending() == SystemicFailure.Ending.STOP) {
			log.warn("Stopping the job: {}", why);
			gate.stop(why);
			return null;
		}
		log.error("Failing the job: {}", why);
		gate.fail(why);
		throw failure;
	}

	/**
	 * This machine could not write a file (a full disk, an unwritable folder): every product would fail the same way,
	 * and retrying would buy images again, so the job ends FAILED (someone must free space or fix the folder; it does
	 * not cure itself as a daily quota does) and the product stays PENDING for the restart.
	 */
	private @Nullable GenerationResult localFault(GenerationGate gate, CatalogItem item, LocalWriteException failure) {
		String what = switch (failure.image()) {
			case LOST -> "the image of product %s was delivered and billed but could not be saved".formatted(item.sku());
			case KEPT -> "the image of product %s is kept in the cache, and the restart uses it without a call"
				.formatted(item.sku());
			case NOT_ASKED -> "nothing was sent for product %s".formatted(item.sku());
		};
		String why = "%s; a fault on this machine, not the provider's: %s, and nothing is retried until the folder can be written again"
			.formatted(failure.getMessage(), what);
		logFault(gate, why);
		gate.fail(why);
		return null;
	}

	/** The first worker to meet the fault says so; the others, whose calls were in flight, only add their file. */
	static void logFault(GenerationGate gate, String why) {
		if (gate.isOpen()) {
			log.error("Failing the job: {}", why);
		}
		else {
			log.warn("Also: {}", why);
		}
	}

	private AttemptJournal.Caller caller(CatalogItem item) {
		StepContext context = StepSynchronizationManager.getContext();
		long executionId = context == null ? -1 : context.getStepExecution().getJobExecutionId();
		return new AttemptJournal.Caller(item.id(), item.jobInstanceId(), executionId, this.provider, this.model);
	}

	private GenerationResult result(CatalogItem item, ProductStatus status, CachedImage image, Dimensions size,
			AttemptStats stats, @Nullable TokenUsage usage, Cost cost, Instant started) {
		return new GenerationResult(item, status, image, size, stats, usage, cost, started,
				this.clock.instant(), Origin.SYNC);
	}

}
