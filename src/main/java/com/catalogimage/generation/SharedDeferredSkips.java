package com.catalogimage.generation;

import java.util.List;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.catalog.CatalogItemRepository.Deferral;

/**
 * Deferred skips of workers in several processes: each is marked on its product in the database when it happens
 * (the product stays PENDING, and the claims no longer hand it out in this execution), and the manager step reads
 * them back once every worker has ended, to settle them as {@link GenerateStepListener#afterStep} does.
 */
final class SharedDeferredSkips extends DeferredSkips {

	private final CatalogItemRepository items;

	private final long jobExecutionId;

	private final OutsideChunk outside;

	SharedDeferredSkips(CatalogItemRepository items, long jobExecutionId, OutsideChunk outside) {
		this.items = items;
		this.jobExecutionId = jobExecutionId;
		this.outside = outside;
	}

	@Override
	void add(CatalogItem item, ProductSkippedException skip) {
		AttemptStats stats = skip.stats();
		Deferral deferral = new Deferral(skip.reason(), String.valueOf(skip.getMessage()), skip.startedAt(),
				Math.round(stats.rateWaitNanos() / 1e6), Math.round(stats.retryWaitNanos() / 1e6));
		this.outside.write(() -> {
			this.items.defer(item.id(), this.jobExecutionId, deferral);
			return null;
		});
	}

	/** The execution's deferred products still PENDING; they leave that list as their skips are recorded. */
	@Override
	List<Deferred> drain() {
		return this.outside.read(() -> this.items.deferred(this.jobExecutionId))
			.stream()
			.map(deferred -> new Deferred(deferred.item(), skip(deferred.deferral())))
			.toList();
	}

	private static ProductSkippedException skip(Deferral deferral) {
		AttemptStats stats = new AttemptStats(0, 0, 0, deferral.rateWaitMs() * 1_000_000,
				deferral.retryWaitMs() * 1_000_000, 0, deferral.startedAt());
		return new ProductSkippedException(deferral.reason(), deferral.message(), stats, deferral.startedAt(), true,
				null);
	}

}
