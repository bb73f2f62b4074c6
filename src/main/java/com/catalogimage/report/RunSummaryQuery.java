package com.catalogimage.report;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.catalog.ProductStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/** Computes a {@link RunSummary} from the database and the job execution. */
public class RunSummaryQuery {

	private final JdbcTemplate jdbc;

	private final CatalogItemRepository items;

	public RunSummaryQuery(JdbcTemplate jdbc, CatalogItemRepository items) {
		this.jdbc = jdbc;
		this.items = items;
	}

	public RunSummary summarize(JobExecution execution, String generateStepName, int rpmLimit) {
		long instanceId = execution.getJobInstance().getInstanceId();
		Map<ProductStatus, Long> counts = this.items.countByStatus(instanceId);
		BigDecimal cost = this.jdbc.queryForObject(
				"select coalesce(sum(cost_usd), 0) from generation_result where job_instance_id = ?", BigDecimal.class,
				instanceId);
		Long generatedNow = this.jdbc.queryForObject(
				"select count(*) from generation_result where job_execution_id = ? and status = 'GENERATED'", Long.class,
				execution.getId());
		Duration wall = Duration.ZERO;
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStepName().equals(generateStepName) && step.getStartTime() != null && step.getEndTime() != null) {
				wall = Duration.between(step.getStartTime(), step.getEndTime());
			}
		}
		long products = counts.values().stream().mapToLong(Long::longValue).sum();
		return new RunSummary(products, counts.get(ProductStatus.GENERATED), counts.get(ProductStatus.CACHED),
				counts.get(ProductStatus.UP_TO_DATE), counts.get(ProductStatus.SKIPPED),
				counts.get(ProductStatus.PENDING), this.items.countRejections(instanceId),
				cost == null ? BigDecimal.ZERO : cost, generatedNow == null ? 0 : generatedNow, wall, rpmLimit);
	}

}
