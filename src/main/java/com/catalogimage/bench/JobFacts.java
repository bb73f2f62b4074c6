package com.catalogimage.bench;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

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
 * @param slots how busy the call slots were, against the ideal schedule of the same calls (from the attempt journal
 * and the results; the per-call instants are reduced to these figures at once, so that no run's calls stay on the
 * heap while a later run's peak is measured)
 */
record JobFacts(String status, Duration stage, Span generate, Duration total, long generated, long apiMillis,
		long rateWaitMillis, List<Span> workers, Map<String, Long> rows, SlotUse slots) {

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

	/**
	 * @param concurrency the run's calls in flight at most
	 * @param serviceNanosByPrompt the simulator's service time of each prompt's last request
	 */
	static JobFacts read(String url, int concurrency, Map<String, Long> serviceNanosByPrompt) {
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
			Span generate = step(jdbc, CatalogImageJob.GENERATE_STEP);
			return new JobFacts(status == null ? "NONE" : status, step(jdbc, CatalogImageJob.STAGE_STEP).duration(),
					generate, total, generated.images(), generated.apiMillis(), generated.rateWaitMillis(), workers,
					rows, slotUse(jdbc, generate, concurrency, serviceNanosByPrompt));
		}
		finally {
			dataSource.destroy();
		}
	}

	/**
	 * The ideal schedules of the generated products' calls, and the calls in flight from the step's start to the last
	 * call's start. A call runs from its request to its body on disk: see {@link SlotUse#sentNanos}; a call the
	 * journal never saw end (a killed run) counts as in flight until the step's end.
	 */
	private static SlotUse slotUse(JdbcTemplate jdbc, Span generate, int concurrency,
			Map<String, Long> serviceNanosByPrompt) {
		long stepStart = nanos(generate.start());
		long stepEnd = nanos(generate.end());
		LongStream.Builder callNanos = LongStream.builder();
		LongStream.Builder serviceNanos = LongStream.builder();
		boolean[] serviceKnown = { true };
		jdbc.query("""
				select r.api_latency_ms, i.prompt from generation_result r join catalog_item i on i.id = r.item_id
				 where r.status = 'GENERATED' and r.api_latency_ms is not null order by r.item_id""", rs -> {
			callNanos.add(rs.getLong(1) * 1_000_000);
			Long service = serviceNanosByPrompt.get(rs.getString(2));
			serviceKnown[0] &= service != null;
			serviceNanos.add(service == null ? 0 : service);
		});
		LongStream.Builder starts = LongStream.builder();
		LongStream.Builder ends = LongStream.builder();
		jdbc.query("""
				select a.started_at, a.finished_at, case when a.outcome = 'DELIVERED' then r.api_latency_ms end
				  from generation_attempt a
				  left join generation_result r on r.item_id = a.item_id and r.status = 'GENERATED'""", rs -> {
			OffsetDateTime finished = rs.getObject(2, OffsetDateTime.class);
			long end = finished == null ? stepEnd : nanos(finished.toInstant());
			long latency = rs.getLong(3);
			starts.add(SlotUse.sentNanos(nanos(rs.getObject(1, OffsetDateTime.class).toInstant()), end,
					rs.wasNull() ? null : latency));
			ends.add(end);
		});
		return SlotUse.of(serviceKnown[0] ? serviceNanos.build().toArray() : null, callNanos.build().toArray(),
				new CallTimeline(starts.build().toArray(), ends.build().toArray()), stepStart, stepEnd, concurrency);
	}

	private static long nanos(Instant instant) {
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
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
