package com.catalogimage.storage;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

import com.catalogimage.catalog.ProductStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/** Writes {@link ProductOutcome}s; the primary key on the item makes a second outcome for a product impossible. */
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
