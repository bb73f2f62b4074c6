package com.catalogimage.report;

import com.catalogimage.storage.ResultRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads {@link Progress} with two aggregate queries: pending products through the feed's index on (instance, status),
 * and one pass over the instance's result rows for images, money and 429s.
 */
final class ProgressQuery implements Progress.Source {

	private final JdbcTemplate jdbc;

	private final ResultRepository results;

	ProgressQuery(JdbcTemplate jdbc, ResultRepository results) {
		this.jdbc = jdbc;
		this.results = results;
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
		return new Progress(items[0], items[1], results.imagesNow(), results.costUsd(), results.http429());
	}

}
