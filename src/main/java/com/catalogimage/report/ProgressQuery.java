package com.catalogimage.report;

import com.catalogimage.batchmode.BatchTotals;
import com.catalogimage.batchmode.BatchTotalsQuery;
import com.catalogimage.storage.ResultRepository;
import com.catalogimage.storage.RunningResultTotals;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads {@link Progress} at a cost that does not grow with the products done, since it is asked every few seconds for
 * hours: the instance's products counted once per execution (staging ended before the steps this reads for, so the
 * number stays), the pending ones through the feed's index on (instance, status, id), the result rows as running sums
 * of what was committed since the previous read ({@link RunningResultTotals}), and the provider batches by state
 * (through their index on instance and state; none for a synchronous run).
 */
final class ProgressQuery implements Progress.Source {

	static final String TOTAL = "select count(*) from catalog_item where job_instance_id = ?";

	static final String PENDING = "select count(*) from catalog_item where job_instance_id = ? and status = 'PENDING'";

	private final JdbcTemplate jdbc;

	private final ResultRepository results;

	private final BatchTotalsQuery batches;

	/** The execution last read, its products and its running result totals; a new execution starts over. */
	private @Nullable RunningResultTotals running;

	private long total;

	ProgressQuery(JdbcTemplate jdbc, ResultRepository results, BatchTotalsQuery batches) {
		this.jdbc = jdbc;
		this.results = results;
		this.batches = batches;
	}

	@Override
	public synchronized Progress read(long instanceId, long executionId) {
		RunningResultTotals running = this.running;
		if (running == null || !running.isFor(instanceId, executionId)) {
			this.total = count(TOTAL, instanceId);
			running = this.results.runningTotals(instanceId, executionId);
			this.running = running;
		}
		long pending = count(PENDING, instanceId);
		ResultRepository.Totals results = running.read();
		BatchTotals batches = this.batches.totals(instanceId);
		// a duplicate output of a batch was billed though no result row holds it
		return new Progress(this.total, pending, results.imagesNow(), results.costUsd().add(batches.duplicateCostUsd()),
				results.http429(), batches.byState());
	}

	private long count(String sql, long instanceId) {
		Long count = this.jdbc.queryForObject(sql, Long.class, instanceId);
		return count == null ? 0 : count;
	}

}
