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
class ReportRepository {

	private final JdbcTemplate jdbc;

	public ReportRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The instance's products in catalog order. An UP_TO_DATE product has no result row (no call was made); its
	 * image's path, size and hash come from the output folder's image manifest.
	 *
	 * @param outputRoot the output folder as the manifest keys it
	 */
	public void forEachRow(long jobInstanceId, String outputRoot, Consumer<ReportRow> consumer) {
		this.jdbc.query("""
				select c.line_no, c.sku, c.name, c.status, coalesce(r.reason, c.reason) as reason, r.provider, r.model,
				       c.image_size, c.aspect_ratio, r.attempts, r.attempts_unknown, r.http_429, r.rate_wait_ms,
				       r.retry_wait_ms, r.api_latency_ms, r.total_latency_ms, r.input_tokens, r.output_tokens,
				       r.cost_usd, r.cost_basis, coalesce(r.bytes, m.bytes) as bytes, coalesce(r.width, m.width) as width,
				       coalesce(r.height, m.height) as height, coalesce(r.sha256, m.sha256) as sha256,
				       coalesce(r.image_path, m.image_path) as image_path, r.job_execution_id, r.started_at,
				       r.finished_at
				  from catalog_item c
				  left join generation_result r on r.item_id = c.id
				  left join image_manifest m on c.status = 'UP_TO_DATE' and m.output_root = ? and m.sku = c.sku
				 where c.job_instance_id = ?
				 order by c.line_no""", rs -> {
			consumer.accept(row(rs));
		}, outputRoot, jobInstanceId);
	}

	/**
	 * Products the output folder had an image for that the instance's catalog no longer lists, as REMOVED rows after
	 * the catalog's own.
	 */
	public void forEachRemoval(long jobInstanceId, Consumer<ReportRow> consumer) {
		this.jdbc.query("select sku, image_path, pruned from catalog_removal where job_instance_id = ? order by sku",
				rs -> {
					boolean pruned = rs.getBoolean("pruned");
					consumer.accept(new ReportRow(0, rs.getString("sku"), "", ReportRow.REMOVED,
							pruned ? "not in the catalog; image deleted (--prune)" : "not in the catalog; image kept",
							null, null, "", "", null, null, null, null, null, null, null, null, null, null, null, null,
							null, null, null, pruned ? null : rs.getString("image_path"), null, null, null));
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
