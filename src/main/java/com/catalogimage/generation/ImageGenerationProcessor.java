package com.catalogimage.generation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.catalog.ProductStatus;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ImageSize;
import com.catalogimage.provider.ReferenceImage;
import com.catalogimage.provider.SystemicFailure;
import com.catalogimage.storage.CachedImage;
import com.catalogimage.storage.ImageCache;
import com.catalogimage.storage.ImageDimensions;
import com.catalogimage.storage.OutputLayout;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Turns a pending product into an image in the cache. The cache is looked up first, so a chunk re-run after a crash
 * or rollback pays for nothing it already received; the call itself goes through {@link ProviderCaller}. Returning
 * null (a filtered item) leaves the product PENDING: that is what happens once the {@link GenerationGate} is closed.
 * Shared by all workers, so it holds no per-item state.
 */
public final class ImageGenerationProcessor implements ItemProcessor<CatalogItem, GenerationResult> {

	private static final Logger log = LoggerFactory.getLogger(ImageGenerationProcessor.class);

	private final ImageCache cache;

	private final ProviderCaller caller;

	private final CostCalculator costs;

	private final GenerationGate gate;

	private final OutputLayout layout;

	private final String model;

	private final Clock clock;

	public ImageGenerationProcessor(ImageCache cache, ProviderCaller caller, CostCalculator costs, GenerationGate gate,
			OutputLayout layout, String model, Clock clock) {
		this.cache = cache;
		this.caller = caller;
		this.costs = costs;
		this.gate = gate;
		this.layout = layout;
		this.model = model;
		this.clock = clock;
	}

	@Override
	public @Nullable GenerationResult process(CatalogItem item) {
		if (!this.gate.isOpen()) {
			return null;
		}
		Instant started = this.clock.instant();
		Optional<CachedImage> cached = this.cache.find(item.fingerprint());
		if (cached.isPresent()) {
			return result(item, ProductStatus.CACHED, cached.get(), AttemptStats.NONE, null, Cost.CACHE, started);
		}
		ImageRequest request = new ImageRequest(this.model, item.prompt(), ImageSize.parse(item.size()).orElseThrow(),
				item.aspectRatio(), references(item));
		Delivery delivery;
		try {
			delivery = this.caller.call(request, this.layout.work());
		}
		catch (CallAbandonedException ex) {
			return null;
		}
		catch (SystemicFailure failure) {
			return endJob(item, failure);
		}
		CachedImage stored = this.cache.store(item.fingerprint(), delivery.image());
		Cost cost = this.costs.cost(this.model, item.size(), delivery.image().usage());
		Instant firstAttempt = delivery.stats().firstAttemptAt();
		return result(item, ProductStatus.GENERATED, stored, delivery.stats(), delivery.image().usage(), cost,
				firstAttempt != null ? firstAttempt : started);
	}

	/** Staging resolved the reference to an absolute path and checked it; the client checks it again before sending. */
	private static List<ReferenceImage> references(CatalogItem item) {
		return item.referenceImage() == null ? List.of() : List.of(ReferenceImage.of(Path.of(item.referenceImage())));
	}

	private @Nullable GenerationResult endJob(CatalogItem item, SystemicFailure failure) {
		String why = "%s (product %s): %s".formatted(failure.status(), item.sku(), failure.getMessage());
		if (failure.ending() == SystemicFailure.Ending.STOP) {
			log.warn("Stopping the job: {}", why);
			this.gate.stop(why);
			return null;
		}
		log.error("Failing the job: {}", why);
		this.gate.fail(why);
		throw failure;
	}

	private GenerationResult result(CatalogItem item, ProductStatus status, CachedImage image, AttemptStats stats,
			com.catalogimage.provider.@Nullable TokenUsage usage, Cost cost, Instant started) {
		int[] size = ImageDimensions.of(image.file()).orElse(new int[] { 0, 0 });
		return new GenerationResult(item, status, image, size[0], size[1], stats, usage, cost, started,
				this.clock.instant());
	}

}
