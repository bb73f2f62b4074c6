package com.catalogimage.ops;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.catalog.ProductStatus;
import com.catalogimage.generation.SpentOutsideResults;
import com.catalogimage.run.CatalogImageJob;
import com.catalogimage.run.JobIdentity;
import com.catalogimage.storage.ResultRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;

/**
 * {@code status [--limit N]}: the recent executions, newest first, with the state of their run's products (done,
 * pending, skipped) and what the run has cost.
 */
class StatusOperation implements Operation {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final JobRepository jobRepository;

	private final CatalogItemRepository items;

	private final ResultRepository results;

	private final List<SpentOutsideResults> spentElsewhere;

	StatusOperation(JobRepository jobRepository, CatalogItemRepository items, ResultRepository results,
			List<SpentOutsideResults> spentElsewhere) {
		this.jobRepository = jobRepository;
		this.items = items;
		this.results = results;
		this.spentElsewhere = List.copyOf(spentElsewhere);
	}

	@Override
	public String command() {
		return Commands.STATUS;
	}

	@Override
	public int execute(Invocation invocation, PrintStream out, PrintStream err) {
		int limit = invocation.flags(Commands.Status.class).limit;
		List<JobExecution> executions = new ArrayList<>();
		for (JobInstance instance : this.jobRepository.findJobInstancesByJobName(CatalogImageJob.NAME,
				0, limit)) {
			executions.addAll(this.jobRepository.getJobExecutions(instance));
		}
		executions.sort(Comparator.comparing(JobExecution::getId).reversed());
		if (executions.isEmpty()) {
			out.println("No runs yet.");
			return ExitCodes.COMPLETED;
		}
		out.printf("%-6s %-6s %-10s %-19s %-19s %7s %7s %7s %7s %10s  %s%n", "EXEC", "RUN", "STATUS", "STARTED", "ENDED",
				"DONE", "PENDING", "SKIPPED", "TOTAL", "COST", "INPUT");
		for (JobExecution execution : executions.subList(0, Math.min(limit, executions.size()))) {
			long instanceId = execution.getJobInstance().getInstanceId();
			Map<ProductStatus, Long> counts = this.items.countByStatus(instanceId);
			long total = counts.values().stream().mapToLong(Long::longValue).sum();
			long done = counts.get(ProductStatus.GENERATED) + counts.get(ProductStatus.CACHED)
					+ counts.get(ProductStatus.UP_TO_DATE);
			// the result rows' cost and what was billed outside them (a batch's duplicate outputs), as the report's
			BigDecimal cost = SpentOutsideResults.knownCost(instanceId, this.results, this.spentElsewhere);
			String input = execution.getJobParameters().getString(JobIdentity.INPUT);
			String runId = execution.getJobParameters().getString(JobIdentity.RUN_ID);
			out.printf("%-6d %-6d %-10s %-19s %-19s %7d %7d %7d %7d %10s  %s%s%n", execution.getId(), instanceId,
					execution.getStatus(), time(execution.getStartTime()), time(execution.getEndTime()), done,
					counts.get(ProductStatus.PENDING), counts.get(ProductStatus.SKIPPED), total,
					"$" + cost.setScale(4, RoundingMode.HALF_UP).toPlainString(),
					input, runId == null ? "" : " (run-id " + runId + ")");
		}
		return ExitCodes.COMPLETED;
	}

	private static String time(@Nullable LocalDateTime time) {
		return time == null ? "-" : TIME.format(time);
	}

}
