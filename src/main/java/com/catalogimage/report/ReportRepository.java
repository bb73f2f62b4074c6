package com.catalogimage.report;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.function.Consumer;

import com.catalogimage.catalog.Rejection;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads a job instance's products with their outcomes, streaming, in catalog order. */
public class ReportRepository {

	private final JdbcTemplate jdbc;

	public ReportRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void forEachRow(long jobInstanceId, Consumer<ReportRow> consumer) {
		this.jdbc.query("""
				select c.line_no, c.sku, c.name, c.status, coalesce(r.reason, c.reason) as reason, r.provider, r.model,
				       c.image_size, c.aspect_ratio, r.attempts, r.attempts_unknown, r.http_429, r.rate_wait_ms,
				       r.retry_wait_ms, r.api_latency_ms, r.total_latency_ms, r.input_tokens, r.output_tokens,
				       r.cost_usd, r.cost_basis, r.bytes, r.width, r.height, r.sha256, r.image_path,
				       r.job_execution_id, r.started_at, r.finished_at
				  from catalog_item c left join generation_result r on r.item_id = c.id
				 where c.job_instance_id = ?
				 order by c.line_no""", rs -> {
			consumer.accept(row(rs));
		}, jobInstanceId);
	}

	public void forEachRejection(long jobInstanceId, Consumer<Rejection> consumer) {
		this.jdbc.query(
				"select line_no, sku, field, reason from catalog_rejection where job_instance_id = ? order by line_no",
				rs -> {
					consumer.accept(new Rejection(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
				}, jobInstanceId);
	}

	public long countRejections(long jobInstanceId) {
		Long count = this.jdbc.queryForObject("select count(*) from catalog_rejection where job_instance_id = ?",
				Long.class, jobInstanceId);
		return count == null ? 0 : count;
	}

	private static ReportRow row(ResultSet rs) throws SQLException {
		return new ReportRow(rs.getLong("line_no"), rs.getString("sku"), rs.getString("name"), rs.getString("status"),
				rs.getString("reason"),
				rs.getString("provider"), rs.getString("model"), rs.getString("image_size"), rs.getString("aspect_ratio"),
				integer(rs, "attempts"), integer(rs, "attempts_unknown"), integer(rs, "http_429"),
				longValue(rs, "rate_wait_ms"), longValue(rs, "retry_wait_ms"), longValue(rs, "api_latency_ms"),
				longValue(rs, "total_latency_ms"), longValue(rs, "input_tokens"), longValue(rs, "output_tokens"),
				decimal(rs, "cost_usd"), costBasis(rs.getString("cost_basis")), longValue(rs, "bytes"), integer(rs, "width"),
				integer(rs, "height"), rs.getString("sha256"), rs.getString("image_path"),
				longValue(rs, "job_execution_id"), instant(rs, "started_at"), instant(rs, "finished_at"));
	}

	/**
	 * A skip before any call is stored as {@code none}: nothing was priced, so report.csv leaves the basis (and the
	 * cost) empty rather than inventing a fifth basis.
	 */
	private static @Nullable String costBasis(@Nullable String stored) {
		return stored != null && ReportRow.COST_BASES.contains(stored) ? stored : null;
	}

	private static @Nullable Integer integer(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	private static @Nullable Long longValue(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	private static @Nullable BigDecimal decimal(ResultSet rs, String column) throws SQLException {
		return rs.getBigDecimal(column);
	}

	private static java.time.@Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

}
