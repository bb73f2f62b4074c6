package com.catalogimage.report;

import java.math.BigDecimal;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads {@link Progress} with two aggregate queries: pending products through the feed's index on (instance, status),
 * and one pass over the instance's result rows for images, money and 429s.
 */
public class ProgressQuery implements Progress.Source {

	private final JdbcTemplate jdbc;

	public ProgressQuery(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
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
		long[] results = new long[2];
		BigDecimal[] spent = { BigDecimal.ZERO };
		this.jdbc.query("""
				select coalesce(sum(case when job_execution_id = ? and status in ('GENERATED', 'CACHED') then 1 else 0 end), 0),
				       coalesce(sum(cost_usd), 0), coalesce(sum(http_429), 0)
				  from generation_result where job_instance_id = ?""", rs -> {
			results[0] = rs.getLong(1);
			spent[0] = rs.getBigDecimal(2);
			results[1] = rs.getLong(3);
		}, executionId, instanceId);
		return new Progress(items[0], items[1], results[0], spent[0] == null ? BigDecimal.ZERO : spent[0], results[1]);
	}

}
