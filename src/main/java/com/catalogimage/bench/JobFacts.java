package com.catalogimage.bench;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * What a finished run left in its job repository: the job's status, how long staging, the generate step and the whole
 * job took (from the steps' START_TIME and END_TIME, as the prototype measured), the images generated and the rows
 * in each table.
 *
 * @param rows row count per table, Spring Batch's and the job's own
 */
record JobFacts(String status, Duration stage, Duration generate, Duration total, long generated,
		Map<String, Long> rows) {

	static final List<String> TABLES = List.of("BATCH_JOB_INSTANCE", "BATCH_JOB_EXECUTION",
			"BATCH_JOB_EXECUTION_PARAMS", "BATCH_JOB_EXECUTION_CONTEXT", "BATCH_STEP_EXECUTION",
			"BATCH_STEP_EXECUTION_CONTEXT", "CATALOG_ITEM", "GENERATION_RESULT", "GENERATION_ATTEMPT", "IMAGE_MANIFEST");

	static JobFacts read(String url) {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, "sa", "", true);
		try {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			String status = jdbc.queryForObject("select max(status) from batch_job_execution", String.class);
			Duration total = span(jdbc, "select min(start_time), max(end_time) from batch_job_execution");
			Map<String, Long> rows = new LinkedHashMap<>();
			for (String table : TABLES) {
				rows.put(table.toLowerCase(java.util.Locale.ROOT),
						jdbc.queryForObject("select count(*) from " + table, Long.class));
			}
			Long generated = jdbc.queryForObject("select count(*) from generation_result where status = 'GENERATED'",
					Long.class);
			return new JobFacts(status == null ? "NONE" : status, step(jdbc, "stage"),
					step(jdbc, com.catalogimage.job.CatalogImageJobConfiguration.GENERATE_STEP), total,
					generated == null ? 0 : generated, rows);
		}
		finally {
			dataSource.destroy();
		}
	}

	private static Duration step(JdbcTemplate jdbc, String name) {
		return span(jdbc, "select min(start_time), max(end_time) from batch_step_execution where step_name = '" + name
				+ "'");
	}

	private static Duration span(JdbcTemplate jdbc, String sql) {
		return jdbc.queryForObject(sql, (rs, row) -> between(rs.getTimestamp(1), rs.getTimestamp(2)));
	}

	private static Duration between(@Nullable Timestamp start, @Nullable Timestamp end) {
		return start == null || end == null ? Duration.ZERO
				: Duration.between(start.toLocalDateTime(), end.toLocalDateTime());
	}

	/** Rows in the job repository (Spring Batch's tables). */
	long batchRows() {
		return this.rows.entrySet()
			.stream()
			.filter(entry -> entry.getKey().startsWith("batch_"))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

}
