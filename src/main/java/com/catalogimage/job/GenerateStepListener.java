package com.catalogimage.job;

import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.catalog.ProductStatus;
import com.catalogimage.generation.GenerationGate;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import java.util.Map;

/**
 * Prepares the shared state of the generate step once per execution, before the partitions are split: opens the
 * gate, points the feed at the instance's pending products and sets the skip limit.
 */
public class GenerateStepListener implements StepExecutionListener {

	private final GenerationGate gate;

	private final PendingItemFeed feed;

	private final ProductSkipPolicy skipPolicy;

	private final CatalogItemRepository items;

	private final long configuredSkipLimit;

	/**
	 * @param configuredSkipLimit the skip limit, or a negative number for the default (5 % of the catalog, at least
	 * 10)
	 */
	public GenerateStepListener(GenerationGate gate, PendingItemFeed feed, ProductSkipPolicy skipPolicy,
			CatalogItemRepository items, long configuredSkipLimit) {
		this.gate = gate;
		this.feed = feed;
		this.skipPolicy = skipPolicy;
		this.items = items;
		this.configuredSkipLimit = configuredSkipLimit;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		long instanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
		Map<ProductStatus, Long> counts = this.items.countByStatus(instanceId);
		long products = counts.values().stream().mapToLong(Long::longValue).sum();
		long limit = this.configuredSkipLimit >= 0 ? this.configuredSkipLimit : Math.max(10, products * 5 / 100);
		this.gate.reset();
		this.skipPolicy.reset(counts.get(ProductStatus.SKIPPED), limit);
		this.feed.reset(instanceId);
	}

}
