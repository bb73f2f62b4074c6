package com.catalogimage.generation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.catalog.ProductStatus;
import com.catalogimage.storage.AttemptJournal;
import com.catalogimage.storage.ResultRepository;

/**
 * Opens the {@link GenerationRun} of an execution of the generate step: its limits from the configuration, and what
 * earlier executions of the same instance already used up (skips, money) from the database.
 */
final class GenerationRunFactory {

	private final GenerationProperties generation;

	private final String provider;

	private final String model;

	private final Clock clock;

	private final CatalogItemRepository items;

	private final ResultRepository results;

	private final AttemptJournal journal;

	private final CostCalculator costs;

	private final List<SpentOutsideResults> spentElsewhere;

	GenerationRunFactory(GenerationProperties generation, String provider, String model, Clock clock,
			CatalogItemRepository items, ResultRepository results, AttemptJournal journal, CostCalculator costs,
			List<SpentOutsideResults> spentElsewhere) {
		this.generation = generation;
		this.provider = provider;
		this.model = model;
		this.clock = clock;
		this.items = items;
		this.results = results;
		this.journal = journal;
		this.costs = costs;
		this.spentElsewhere = List.copyOf(spentElsewhere);
	}

	GenerationRun open(long jobInstanceId) {
		Map<ProductStatus, Long> counts = this.items.countByStatus(jobInstanceId);
		return new GenerationRun(jobInstanceId, new SkipLimit(counts.get(ProductStatus.SKIPPED), skipLimit(counts)),
				health(), rejections(),
				new RequestBudget(this.generation.rpd(), this.generation.rpdZone(), this.clock, this::callsSince),
				new SpendBudget(this.generation.maxCost(), spentSoFar(jobInstanceId)));
	}

	/** How many products the instance may skip: as configured, or 5 % of the catalog, at least 10. */
	long skipLimit(long jobInstanceId) {
		return skipLimit(this.items.countByStatus(jobInstanceId));
	}

	private long skipLimit(Map<ProductStatus, Long> counts) {
		long products = counts.values().stream().mapToLong(Long::longValue).sum();
		long configured = this.generation.skipLimit();
		return configured >= 0 ? configured : Math.max(10, products * 5 / 100);
	}

	/** The provider-failure detector: per process, an outage shows in every process's own window. */
	ProviderHealth health() {
		return new ProviderHealth(this.generation.healthWindow(), this.generation.healthMinSamples(),
				this.generation.healthThreshold());
	}

	/** The run of identical rejections: per process, like the provider's health. */
	RepeatedRejections rejections() {
		return new RepeatedRejections(this.generation.configErrorAfter());
	}

	/** Calls journalled for the provider and model since an instant, by every run and process. */
	long callsSince(Instant since) {
		return this.journal.countSince(this.provider, this.model, since);
	}

	/**
	 * What the run has cost in earlier executions: its result rows' known cost, the calls no row prices (calls of
	 * unknown outcome, delivered images that were lost or left unrecorded) at their flat price, and what was billed
	 * outside both (a provider batch's duplicate outputs), as the report counts them.
	 */
	BigDecimal spentSoFar(long jobInstanceId) {
		BigDecimal spent = SpentOutsideResults.knownCost(jobInstanceId, this.results, this.spentElsewhere);
		for (AttemptJournal.CallGroup group : this.journal.callGroups(jobInstanceId)) {
			BigDecimal beyondRows = this.costs.atFlatPrice(group.model(), group.size(),
					group.unknown() + group.unrecorded());
			if (beyondRows != null) {
				spent = spent.add(beyondRows);
			}
		}
		return spent;
	}

}
