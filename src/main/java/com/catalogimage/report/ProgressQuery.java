package com.catalogimage.report;

import com.catalogimage.batchmode.BatchTotals;
import com.catalogimage.batchmode.BatchTotalsQuery;
import com.catalogimage.storage.ResultRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads {@link Progress} with three aggregate queries: pending products through the feed's index on (instance,
 * status), one pass over the instance's result rows for images, money and 429s, and its provider batches by state
 * (through their index on instance and state; none for a synchronous run).
 */
final class ProgressQuery implements Progress.Source {

	private final JdbcTemplate jdbc;

	private final ResultRepository results;

	private final BatchTotalsQuery batches;

	ProgressQuery(JdbcTemplate jdbc, ResultRepository results, BatchTotalsQuery batches) {
		this.jdbc = jdbc;
		this.results = results;
		this.batches = batches;
	}

	@Override
	public Progress read(long instanceId, long executionId) {
		long[] items = new long[2];
		this.jdbc.query("""
				select count(*), coalesce(sum(case when status = 'PENDING' then 1 else 0 end), 0)
				  from catalog_item where job_instance_id = ?""", rs -> {
			items[0] = rs.getLong(1);
			items[1] = rs.getLong(2);
		}, instanceId);
		ResultRepository.Totals results = this.results.totals(instanceId, executionId);
		BatchTotals batches = this.batches.totals(instanceId);
		// a duplicate output of a batch was billed though no result row holds it
		return new Progress(items[0], items[1], results.imagesNow(),
				results.costUsd().add(batches.duplicateCostUsd()), results.http429(), batches.byState());
	}

}
