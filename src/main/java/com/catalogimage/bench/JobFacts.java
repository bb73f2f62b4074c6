package com.catalogimage.bench;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.catalogimage.run.CatalogImageJob;
import com.catalogimage.storage.ResultRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * What a finished run left in its job repository: the job's status, how long staging, the generate step and the whole
 * job took (from the steps' START_TIME and END_TIME, as the prototype measured), the images generated and the rows
 * in each table.
 *
 * @param apiMillis the calls' own durations summed over the generated images, as the client measured them
 * @param rateWaitMillis time the generated images' calls waited for the rate limiter, summed
 * @param workers when the shared feed's worker steps ran (one per slot; empty for the other designs)
 * @param rows row count per table, Spring Batch's and the job's own
 */
record JobFacts(String status, Duration stage, Span generate, Duration total, long generated, long apiMillis,
		long rateWaitMillis, List<Span> workers, Map<String, Long> rows) {

	/** When a step ran; both {@link Instant#EPOCH} when it did not. */
	record Span(Instant start, Instant end) {

		static final Span NONE = new Span(Instant.EPOCH, Instant.EPOCH);

		Duration duration() {
			return Duration.between(this.start, this.end);
		}

	}

	static final List<String> TABLES = List.of("BATCH_JOB_INSTANCE", "BATCH_JOB_EXECUTION",
			"BATCH_JOB_EXECUTION_PARAMS", "BATCH_JOB_EXECUTION_CONTEXT", "BATCH_STEP_EXECUTION",
			"BATCH_STEP_EXECUTION_CONTEXT", "CATALOG_ITEM", "GENERATION_RESULT", "GENERATION_ATTEMPT",
			"IMAGE_MANIFEST");

	static JobFacts read(String url) {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, "sa", "", true);
		try {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			String status = jdbc.queryForObject("select max(status) from batch_job_execution", String.class);
			Duration total = span(jdbc, "select min(start_time), max(end_time) from batch_job_execution").duration();
			Map<String, Long> rows = new LinkedHashMap<>();
			for (String table : TABLES) {
				rows.put(table.toLowerCase(java.util.Locale.ROOT),
						jdbc.queryForObject("select count(*) from " + table, Long.class));
			}
			ResultRepository.Generated generated = new ResultRepository(jdbc).generated();
			List<Span> workers = jdbc.query(
					"select start_time, end_time from batch_step_execution where step_name like ?",
					(rs, row) -> between(rs.getTimestamp(1), rs.getTimestamp(2)),
					CatalogImageJob.WORKER_STEP + ":%");
			return new JobFacts(status == null ? "NONE" : status, step(jdbc, CatalogImageJob.STAGE_STEP).duration(),
					step(jdbc, CatalogImageJob.GENERATE_STEP), total, generated.images(), generated.apiMillis(),
					generated.rateWaitMillis(), workers, rows);
		}
		finally {
			dataSource.destroy();
		}
	}

	private static Span step(JdbcTemplate jdbc, String name) {
		return span(jdbc, "select min(start_time), max(end_time) from batch_step_execution where step_name = '" + name
				+ "'");
	}

	private static Span span(JdbcTemplate jdbc, String sql) {
		Span span = jdbc.queryForObject(sql, (rs, row) -> between(rs.getTimestamp(1), rs.getTimestamp(2)));
		return span == null ? Span.NONE : span;
	}

	/** Spring Batch stores local date-times; read back as timestamps they are instants in this JVM's zone. */
	private static Span between(@Nullable Timestamp start, @Nullable Timestamp end) {
		return start == null || end == null ? Span.NONE : new Span(start.toInstant(), end.toInstant());
	}

	/**
	 * Worker-slot time lost before the workers started and after each finished while others still ran, in
	 * milliseconds summed over the slots; both zero for designs without slot workers.
	 */
	long[] rampAndTailMillis() {
		long ramp = 0;
		long tail = 0;
		for (Span worker : this.workers) {
			ramp += Math.max(0, Duration.between(this.generate.start(), worker.start()).toMillis());
			tail += Math.max(0, Duration.between(worker.end(), this.generate.end()).toMillis());
		}
		return new long[] { ramp, tail };
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
