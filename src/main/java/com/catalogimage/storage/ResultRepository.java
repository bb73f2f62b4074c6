package com.catalogimage.storage;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.function.Consumer;

import com.catalogimage.catalog.ProductStatus;
import com.catalogimage.storage.ResultFigures.Calls;
import com.catalogimage.storage.ResultFigures.ImageFile;
import com.catalogimage.storage.ResultFigures.Origin;
import com.catalogimage.storage.ResultFigures.Price;
import com.catalogimage.storage.ResultFigures.Timing;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one owner of {@code generation_result}: writes {@link ProductOutcome}s (the primary key on the item makes a
 * second outcome for a product impossible) and answers every question asked of them.
 */
public class ResultRepository {

	/** The cost bases a read gives back; anything else stored ({@code none}) reads as null. */
	private static final Set<String> COST_BASES = Set.of("tokens", "flat", "cache", "unknown");

	private final JdbcTemplate jdbc;

	public ResultRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(ProductOutcome outcome) {
		this.jdbc.update("""
				insert into generation_result (item_id, job_instance_id, job_execution_id, status, reason, provider, model,
				    image_size, aspect_ratio, attempts, attempts_unknown, http_429, rate_wait_ms, retry_wait_ms,
				    api_latency_ms, total_latency_ms, input_tokens, output_tokens, cost_usd, cost_basis, bytes, width,
				    height, sha256, image_path, started_at, finished_at, cache_hit, mode, batch_id, submitted_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
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
	 * An instance's results so far.
	 *
	 * @param rows its result rows, one per product out of PENDING with a result
	 * @param imagesNow images (generated or cached) saved by the given execution
	 * @param costUsd the known cost over the instance
	 * @param http429 calls answered 429 over the instance
	 */
	public record Totals(long rows, long imagesNow, BigDecimal costUsd, long http429) {
	}

	/**
	 * The instance's products out of PENDING that have no result row (UP_TO_DATE ones): a number that stays while a
	 * run goes on, since a product leaves PENDING only in the transaction that inserts its row and never comes back.
	 * The query reads the product before looking for its row, so one read out of PENDING has its row committed
	 * already, or never gets one: the count does not depend on when it is taken.
	 */
	public long outOfPendingWithoutResult(long jobInstanceId) {
		Long count = this.jdbc.queryForObject("""
				select count(*) from catalog_item c
				 where c.job_instance_id = ? and c.status <> 'PENDING'
				   and not exists (select 1 from generation_result r where r.item_id = c.id)""", Long.class,
				jobInstanceId);
		return count == null ? 0 : count;
	}

	/**
	 * An execution's totals, read as it goes on: each read costs what was committed since the previous one (the
	 * progress line asks every few seconds). Its first read counts the instance's rows so far.
	 */
	public RunningResultTotals runningTotals(long jobInstanceId, long jobExecutionId) {
		return new RunningResultTotals(this.jdbc, jobInstanceId, jobExecutionId);
	}

	/**
	 * The instance's products in catalog order, streaming (a page at a time, {@link CursorQuery}), each with its
	 * result row's figures if it has one. An UP_TO_DATE product has no result row (no call was made); its image's
	 * path, size and hash come from the output folder's image manifest.
	 *
	 * @param outputRoot the output folder as the manifest keys it
	 */
	public void forEachProduct(long jobInstanceId, String outputRoot, Consumer<ProductRecord> consumer) {
		CursorQuery.forEachRow(this.jdbc, """
				select c.line_no, c.sku, c.name, c.status, coalesce(r.reason, c.reason) as reason, r.provider, r.model,
				       c.image_size, c.aspect_ratio, r.attempts, r.attempts_unknown, r.http_429, r.rate_wait_ms,
				       r.retry_wait_ms, r.api_latency_ms, r.total_latency_ms, r.input_tokens, r.output_tokens,
				       r.cost_usd, r.cost_basis, coalesce(r.bytes, m.bytes) as bytes, coalesce(r.width, m.width) as width,
				       coalesce(r.height, m.height) as height, coalesce(r.sha256, m.sha256) as sha256,
				       coalesce(r.image_path, m.image_path) as image_path, r.job_execution_id, r.started_at,
				       r.finished_at, r.mode, r.batch_id, r.submitted_at
				  from catalog_item c
				  left join generation_result r on r.item_id = c.id
				  left join image_manifest m on c.status = 'UP_TO_DATE' and m.output_root = ? and m.sku = c.sku
				 where c.job_instance_id = ?
				 order by c.line_no""", rs -> {
			consumer.accept(product(rs));
		}, outputRoot, jobInstanceId);
	}

	/**
	 * Images generated over every instance in the database, with their calls' own durations and rate-limit waits
	 * summed: what the benchmark reads from the database of a finished run.
	 */
	public record Generated(long images, long apiMillis, long rateWaitMillis) {
	}

	public Generated generated() {
		Generated generated = this.jdbc.queryForObject("""
				select count(*), coalesce(sum(api_latency_ms), 0), coalesce(sum(rate_wait_ms), 0)
				  from generation_result where status = 'GENERATED'""",
				(rs, row) -> new Generated(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
		return generated == null ? new Generated(0, 0, 0) : generated;
	}

	private static ProductRecord product(ResultSet rs) throws SQLException {
		return new ProductRecord(rs.getLong("line_no"), rs.getString("sku"), rs.getString("name"),
				rs.getString("status"), rs.getString("reason"), rs.getString("provider"), rs.getString("model"),
				rs.getString("image_size"), rs.getString("aspect_ratio"),
				new Calls(integer(rs, "attempts"), integer(rs, "attempts_unknown"), integer(rs, "http_429"),
						longValue(rs, "rate_wait_ms"), longValue(rs, "retry_wait_ms")),
				new Timing(longValue(rs, "api_latency_ms"), longValue(rs, "total_latency_ms"), instant(rs, "started_at"),
						instant(rs, "finished_at")),
				new Price(longValue(rs, "input_tokens"), longValue(rs, "output_tokens"), rs.getBigDecimal("cost_usd"),
						costBasis(rs.getString("cost_basis"))),
				new ImageFile(longValue(rs, "bytes"), integer(rs, "width"), integer(rs, "height"),
						rs.getString("sha256"), rs.getString("image_path")),
				longValue(rs, "job_execution_id"), origin(rs));
	}

	private static Origin origin(ResultSet rs) throws SQLException {
		String mode = rs.getString("mode");
		return mode == null ? Origin.SYNC : new Origin(mode, rs.getString("batch_id"), instant(rs, "submitted_at"));
	}

	/**
	 * A skip before any call is stored as {@code none}: nothing was priced, so it reads as no basis (and no cost)
	 * rather than a fifth basis.
	 */
	private static @Nullable String costBasis(@Nullable String stored) {
		return stored != null && COST_BASES.contains(stored) ? stored : null;
	}

	private static @Nullable Integer integer(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	private static @Nullable Long longValue(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	private static void bind(PreparedStatement ps, ProductOutcome o) throws SQLException {
		Calls calls = o.calls();
		Timing timing = o.timing();
		Price price = o.price();
		ImageFile image = o.image();
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
		setInt(ps, i++, calls.attempts());
		setInt(ps, i++, calls.unknown());
		setInt(ps, i++, calls.http429());
		setLong(ps, i++, calls.rateWaitMs());
		setLong(ps, i++, calls.retryWaitMs());
		setLong(ps, i++, timing.apiLatencyMs());
		setLong(ps, i++, timing.totalLatencyMs());
		setLong(ps, i++, price.inputTokens());
		setLong(ps, i++, price.outputTokens());
		ps.setBigDecimal(i++, price.costUsd());
		ps.setString(i++, price.costBasis());
		setLong(ps, i++, image.bytes());
		setInt(ps, i++, image.width());
		setInt(ps, i++, image.height());
		ps.setString(i++, image.sha256());
		ps.setString(i++, image.path());
		setInstant(ps, i++, timing.startedAt());
		setInstant(ps, i++, timing.finishedAt());
		ps.setBoolean(i++, o.status() == ProductStatus.CACHED);
		ps.setString(i++, o.origin().mode());
		ps.setString(i++, o.origin().batchId());
		setInstant(ps, i, o.origin().submittedAt());
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
