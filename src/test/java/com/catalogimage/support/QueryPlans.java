package com.catalogimage.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;

/** What H2 did for a query: its {@code EXPLAIN ANALYZE}, run with the query's own parameters. */
public final class QueryPlans {

	private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

	private QueryPlans() {
	}

	/** The rows H2 read from the query's table (summed over the plan's tables). */
	public static long rowsRead(JdbcTemplate h2, String sql, Object... args) {
		String plan = h2.queryForObject("explain analyze " + sql, String.class, args);
		Matcher scans = SCAN_COUNT.matcher(plan);
		long rows = 0;
		boolean found = false;
		while (scans.find()) {
			rows += Long.parseLong(scans.group(1));
			found = true;
		}
		if (!found) {
			throw new IllegalStateException("no scanCount in the plan:\n" + plan);
		}
		return rows;
	}

	/** Inserts {@code count} PENDING products of an instance, ids in line order. */
	public static void stagePending(JdbcTemplate h2, long jobInstanceId, int count) {
		h2.update("""
				insert into catalog_item (job_instance_id, line_no, sku, name, prompt, image_size, aspect_ratio,
				    fingerprint, status)
				select ?, x, 'SKU-' || x, 'Product ' || x, 'A prompt for product ' || x,
				       '1K', '1:1', repeat('0', 64), 'PENDING'
				  from system_range(1, ?)""", jobInstanceId, count);
	}

}
