package com.catalogimage.storage;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

import com.catalogimage.catalog.ProductStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one owner of {@code generation_result}: writes {@link ProductOutcome}s (the primary key on the item makes a
 * second outcome for a product impossible) and answers every question asked of them.
 */
public class ResultRepository {

	private final JdbcTemplate jdbc;

	public ResultRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(ProductOutcome outcome) {
		this.jdbc.update("""
				insert into generation_result (item_id, job_instance_id, job_execution_id, status, reason, provider, model,
				    image_size, aspect_ratio, attempts, attempts_unknown, http_429, rate_wait_ms, retry_wait_ms,
				    api_latency_ms, total_latency_ms, input_tokens, output_tokens, cost_usd, cost_basis, bytes, width,
				    height, sha256, image_path, started_at, finished_at, cache_hit)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				ps -> bind(ps, outcome));
	}

	/** The known cost of an instance's result rows (a row without a price adds nothing). */
	public BigDecimal recordedCost(long jobInstanceId) {
		BigDecimal cost = this.jdbc.queryForObject(
				"select coalesce(sum(cost_usd), 0) from generation_result where job_instance_id = ?", BigDecimal.class,
				jobInstanceId);
		return cost == null ? BigDecimal.ZERO : cost;
	}

	/**
	 * An instance's results so far, in one pass over its rows.
	 *
	 * @param imagesNow images (generated or cached) saved by the given execution
	 * @param costUsd the known cost over the instance
	 * @param http429 calls answered 429 over the instance
	 */
	public record Totals(long imagesNow, BigDecimal costUsd, long http429) {
	}

	/** Cheap enough to ask every few seconds while a run goes on. */
	public Totals totals(long jobInstanceId, long jobExecutionId) {
		Totals totals = this.jdbc.queryForObject("""
				select coalesce(sum(case when job_execution_id = ? and status in ('GENERATED', 'CACHED') then 1 else 0 end), 0),
				       coalesce(sum(cost_usd), 0), coalesce(sum(http_429), 0)
				  from generation_result where job_instance_id = ?""",
				(rs, row) -> new Totals(rs.getLong(1),
						rs.getBigDecimal(2) == null ? BigDecimal.ZERO : rs.getBigDecimal(2), rs.getLong(3)),
				jobExecutionId, jobInstanceId);
		return totals == null ? new Totals(0, BigDecimal.ZERO, 0) : totals;
	}

	private static void bind(PreparedStatement ps, ProductOutcome o) throws SQLException {
		int i = 1;
		ps.setLong(i++, o.itemId());
		ps.setLong(i++, o.jobInstanceId());
		ps.setLong(i++, o.jobExecutionId());
		ps.setString(i++, o.status().name());
		ps.setString(i++, o.reason());
		ps.setString(i++, o.provider());
		ps.setString(i++, o.model());
		ps.setString(i++, o.size());
		ps.setString(i++, o.aspectRatio());
		ps.setInt(i++, o.attempts());
		ps.setInt(i++, o.attemptsUnknown());
		ps.setInt(i++, o.http429());
		ps.setLong(i++, o.rateWaitMs());
		ps.setLong(i++, o.retryWaitMs());
		setLong(ps, i++, o.apiLatencyMs());
		setLong(ps, i++, o.totalLatencyMs());
		setLong(ps, i++, o.inputTokens());
		setLong(ps, i++, o.outputTokens());
		ps.setBigDecimal(i++, o.costUsd());
		ps.setString(i++, o.costBasis());
		setLong(ps, i++, o.bytes());
		setInt(ps, i++, o.width());
		setInt(ps, i++, o.height());
		ps.setString(i++, o.sha256());
		ps.setString(i++, o.imagePath());
		setInstant(ps, i++, o.startedAt());
		setInstant(ps, i++, o.finishedAt());
		ps.setBoolean(i, o.status() == ProductStatus.CACHED);
	}

	private static void setLong(PreparedStatement ps, int index, @Nullable Long value) throws SQLException {
		if (value == null) {
			ps.setNull(index, Types.BIGINT);
		}
		else {
			ps.setLong(index, value);
		}
	}

	private static void setInt(PreparedStatement ps, int index, @Nullable Integer value) throws SQLException {
		if (value == null) {
			ps.setNull(index, Types.INTEGER);
		}
		else {
			ps.setInt(index, value);
		}
	}

	private static void setInstant(PreparedStatement ps, int index, @Nullable Instant value) throws SQLException {
		if (value == null) {
			ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
		}
		else {
			ps.setObject(index, value.atOffset(java.time.ZoneOffset.UTC));
		}
	}

}
