package com.catalogimage.report;

import com.catalogimage.batchmode.BatchTotals;
import com.catalogimage.batchmode.BatchTotalsQuery;
import com.catalogimage.storage.ResultRepository;
import com.catalogimage.storage.RunningResultTotals;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads {@link Progress} at a cost that does not grow with the products done, since it is asked every few seconds for
 * hours: the result rows as running sums of what was committed since the previous read ({@link RunningResultTotals}),
 * and the provider batches by state (through their index on instance and state; none for a synchronous run).
 * <p>
 * The products are counted once per execution, as staging ended before the steps this reads for. So are those out of
 * PENDING without a result row (UP_TO_DATE ones; {@link ResultRepository#outOfPendingWithoutResult} says why that
 * number stays too), and the pending ones are the rest less the result rows.
 * Counting them through the feed index instead would read every pending product each time, at the start of a
 * 100,000-product run 100,000 index entries every few seconds.
 */
final class ProgressQuery implements Progress.Source {

	private static final String TOTAL = "select count(*) from catalog_item where job_instance_id = ?";

	private final JdbcTemplate jdbc;

	private final ResultRepository results;

	private final BatchTotalsQuery batches;

	/** The running totals of the execution last read; a new execution starts over. */
	private @Nullable RunningResultTotals running;

	private long total;

	private long withoutResult;

	ProgressQuery(JdbcTemplate jdbc, ResultRepository results, BatchTotalsQuery batches) {
		this.jdbc = jdbc;
		this.results = results;
		this.batches = batches;
	}

	@Override
	public synchronized Progress read(long instanceId, long executionId) {
		RunningResultTotals running = this.running;
		if (running == null || !running.isFor(instanceId, executionId)) {
			Long total = this.jdbc.queryForObject(TOTAL, Long.class, instanceId);
			this.total = total == null ? 0 : total;
			this.withoutResult = this.results.outOfPendingWithoutResult(instanceId);
			running = this.results.runningTotals(instanceId, executionId);
			this.running = running;
		}
		ResultRepository.Totals results = running.read();
		BatchTotals batches = this.batches.totals(instanceId);
		// a duplicate output of a batch was billed though no result row holds it
		return new Progress(this.total, this.total - this.withoutResult - results.rows(), results.imagesNow(),
				results.costUsd().add(batches.duplicateCostUsd()), results.http429(), batches.byState());
	}

}
