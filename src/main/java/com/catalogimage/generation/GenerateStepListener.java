package com.catalogimage.job;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.catalog.ProductStatus;
import com.catalogimage.generation.CostCalculator;
import com.catalogimage.generation.DeferredSkips;
import com.catalogimage.generation.GenerationGate;
import com.catalogimage.generation.ProviderHealth;
import com.catalogimage.generation.RepeatedRejections;
import com.catalogimage.generation.RequestBudget;
import com.catalogimage.generation.SkipLimit;
import com.catalogimage.generation.SkippedProductRecorder;
import com.catalogimage.generation.SpendBudget;
import com.catalogimage.storage.AttemptJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prepares the shared state of the generate step once per execution, before the partitions are split (opens the
 * gate, points the feed at the instance's pending products, sets the skip limit and budgets), and settles the
 * products that exhausted their retries once all workers are done.
 */
public class GenerateStepListener implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(GenerateStepListener.class);

	/** The shared state this listener resets. */
	public record SharedState(GenerationGate gate, PendingItemFeed feed, SkipLimit skipLimit, ProviderHealth health,
			RepeatedRejections rejections, DeferredSkips deferred, RequestBudget requestBudget,
			SpendBudget spendBudget) {
	}

	private final SharedState state;

	private final CatalogItemRepository items;

	private final AttemptJournal journal;

	private final JdbcTemplate jdbc;

	private final CostCalculator costs;

	private final SkippedProductRecorder recorder;

	private final TransactionTemplate transaction;

	private final long configuredSkipLimit;

	private final String model;

	private final String defaultSize;

	/**
	 * @param configuredSkipLimit the skip limit, or a negative number for the default (5 % of the catalog, at least
	 * 10)
	 */
	public GenerateStepListener(SharedState state, CatalogItemRepository items, AttemptJournal journal,
			JdbcTemplate jdbc, CostCalculator costs, SkippedProductRecorder recorder, TransactionTemplate transaction,
			long configuredSkipLimit, String model, String defaultSize) {
		this.state = state;
		this.items = items;
		this.journal = journal;
		this.jdbc = jdbc;
		this.costs = costs;
		this.recorder = recorder;
		this.transaction = transaction;
		this.configuredSkipLimit = configuredSkipLimit;
		this.model = model;
		this.defaultSize = defaultSize;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		long instanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
		Map<ProductStatus, Long> counts = this.items.countByStatus(instanceId);
		long products = counts.values().stream().mapToLong(Long::longValue).sum();
		long limit = this.configuredSkipLimit >= 0 ? this.configuredSkipLimit : Math.max(10, products * 5 / 100);
		this.state.gate().reset();
		this.state.skipLimit().reset(counts.get(ProductStatus.SKIPPED), limit);
		this.state.health().reset();
		this.state.rejections().reset();
		this.state.deferred().clear();
		this.state.requestBudget().refresh();
		this.state.spendBudget().reset(spentSoFar(instanceId));
		this.state.feed().reset(instanceId);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		List<DeferredSkips.Deferred> deferred = this.state.deferred().drain();
		if (this.state.gate().state() == GenerationGate.State.FAILING) {
			if (!deferred.isEmpty()) {
				log.info("{} products that failed after all retries or were rejected stay pending for the restart",
						deferred.size());
			}
			return stepExecution.getExitStatus();
		}
		this.transaction.executeWithoutResult(tx -> deferred
			.forEach(entry -> this.recorder.record(entry.item(), entry.skip())));
		return stepExecution.getExitStatus();
	}

	/**
	 * What the run has cost in earlier executions; calls of unknown outcome, and delivered images no result row
	 * prices, at their expected price.
	 */
	private BigDecimal spentSoFar(long instanceId) {
		BigDecimal results = this.jdbc.queryForObject(
				"select coalesce(sum(cost_usd), 0) from generation_result where job_instance_id = ?", BigDecimal.class,
				instanceId);
		BigDecimal unknown = this.costs.expected(this.model, this.defaultSize)
			.multiply(BigDecimal.valueOf(this.journal.countUnknown(instanceId) + this.journal.countUnrecorded(instanceId)));
		return (results == null ? BigDecimal.ZERO : results).add(unknown);
	}

}
