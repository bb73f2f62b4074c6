package com.catalogimage.batchmode;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.catalogimage.provider.BatchCounts;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** The {@code provider_batch} rows of the batch step; every write commits in the caller's own short transaction. */
class ProviderBatchRepository {

	private static final String COLUMNS = "id, job_instance_id, shard_no, display_name, state, provider_name, input_file, products, submitted_at, results_read, cancel_requested";

	private final JdbcTemplate jdbc;

	ProviderBatchRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records the intent to create a batch under a display name of the prefix and its shard number (the instance's
	 * next), before anything is sent; returns its id.
	 */
	long insertIntent(long jobInstanceId, String displayNamePrefix, String provider, String model, int products,
			Instant at) {
		Integer shard = this.jdbc.queryForObject(
				"select coalesce(max(shard_no), 0) + 1 from provider_batch where job_instance_id = ?", Integer.class,
				jobInstanceId);
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.update(connection -> {
			var ps = connection.prepareStatement("""
					insert into provider_batch (job_instance_id, shard_no, display_name, provider, model, state, products,
					    intent_at)
					values (?, ?, ?, ?, ?, ?, ?, ?)""", new String[] { "id" });
			ps.setLong(1, jobInstanceId);
			ps.setInt(2, shard == null ? 1 : shard);
			ps.setString(3, displayNamePrefix + "-" + (shard == null ? 1 : shard));
			ps.setString(4, provider);
			ps.setString(5, model);
			ps.setString(6, ProviderBatch.INTENT);
			ps.setInt(7, products);
			ps.setTimestamp(8, Timestamp.from(at));
			return ps;
		}, key);
		return Objects.requireNonNull(key.getKey(), "provider_batch id").longValue();
	}

	void recordInputFile(long id, String inputFile) {
		this.jdbc.update("update provider_batch set input_file = ? where id = ?", inputFile, id);
	}

	/** The provider named the batch (create answered, or a restart found it by its display name). */
	void recordCreated(long id, String providerName, String state, Instant submittedAt) {
		this.jdbc.update(
				"update provider_batch set provider_name = ?, state = ?, submitted_at = ?, last_error = null where id = ?",
				providerName, state, Timestamp.from(submittedAt), id);
	}

	void recordState(long id, String state, BatchCounts counts, @Nullable Instant endedAt, @Nullable String error) {
		this.jdbc.update("""
				update provider_batch set state = ?, succeeded = ?, failed = ?, ended_at = coalesce(ended_at, ?),
				    last_error = coalesce(?, last_error)
				where id = ? and harvested_at is null""", state, counts.succeeded(), counts.failed(),
				endedAt == null ? null : Timestamp.from(endedAt), error, id);
	}

	void recordError(long id, String error) {
		this.jdbc.update("update provider_batch set last_error = ? where id = ?", error, id);
	}

	void recordCancelRequested(long id) {
		this.jdbc.update("update provider_batch set cancel_requested = true where id = ?", id);
	}

	void recordResultsRead(long id, String resultsRead) {
		this.jdbc.update("update provider_batch set results_read = ? where id = ?", resultsRead, id);
	}

	/** A billed output that was not applied: a second output for a key, a late result, a line without a key. */
	void addDuplicate(long id, @Nullable BigDecimal cost) {
		this.jdbc.update(
				"update provider_batch set duplicates = duplicates + 1, duplicate_cost_usd = duplicate_cost_usd + ? where id = ?",
				cost == null ? BigDecimal.ZERO : cost, id);
	}

	void recordHarvested(long id, Instant at) {
		this.jdbc.update("update provider_batch set harvested_at = ? where id = ?", Timestamp.from(at), id);
	}

	/** The instance's batches not yet harvested, oldest first. */
	List<ProviderBatch> unharvested(long jobInstanceId) {
		return this.jdbc.query("select " + COLUMNS
				+ " from provider_batch where job_instance_id = ? and harvested_at is null order by id",
				ProviderBatchRepository::row, jobInstanceId);
	}

	ProviderBatch get(long id) {
		return this.jdbc.queryForObject("select " + COLUMNS + " from provider_batch where id = ?",
				ProviderBatchRepository::row, id);
	}

	/**
	 * PENDING products of the instance held by a batch that is neither harvested nor given up: the generate step must
	 * not take them, or an image could be bought twice.
	 */
	long pendingHeldByOpenBatches(long jobInstanceId) {
		Long count = this.jdbc.queryForObject("""
				select count(*) from catalog_item c join provider_batch b on b.id = c.batch_id
				where c.job_instance_id = ? and c.status = 'PENDING' and b.harvested_at is null and not b.cancel_requested""",
				Long.class, jobInstanceId);
		return count == null ? 0 : count;
	}

	/** PENDING products held by open batches ({@link #pendingHeldByOpenBatches}), counted by image size. */
	Map<String, Long> pendingHeldByOpenBatchesBySize(long jobInstanceId) {
		Map<String, Long> bySize = new LinkedHashMap<>();
		this.jdbc.query("""
				select c.image_size, count(*) from catalog_item c join provider_batch b on b.id = c.batch_id
				where c.job_instance_id = ? and c.status = 'PENDING' and b.harvested_at is null and not b.cancel_requested
				group by c.image_size order by c.image_size""",
				(RowCallbackHandler) rs -> bySize.put(rs.getString(1), rs.getLong(2)), jobInstanceId);
		return bySize;
	}

	/** What the instance's batches billed for outputs that became no product's image. */
	BigDecimal duplicateCost(long jobInstanceId) {
		BigDecimal cost = this.jdbc.queryForObject(
				"select coalesce(sum(duplicate_cost_usd), 0) from provider_batch where job_instance_id = ?",
				BigDecimal.class, jobInstanceId);
		return cost == null ? BigDecimal.ZERO : cost;
	}

	/** A product's image size, or null when there is no such product. */
	@Nullable String sizeOf(long itemId) {
		return this.jdbc.query("select image_size from catalog_item where id = ?",
				rs -> rs.next() ? rs.getString(1) : null, itemId);
	}

	/** PENDING products of the instance. */
	long pending(long jobInstanceId) {
		Long count = this.jdbc.queryForObject(
				"select count(*) from catalog_item where job_instance_id = ? and status = 'PENDING'", Long.class,
				jobInstanceId);
		return count == null ? 0 : count;
	}

	private static ProviderBatch row(ResultSet rs, int row) throws SQLException {
		Timestamp submitted = rs.getTimestamp("submitted_at");
		return new ProviderBatch(rs.getLong("id"), rs.getLong("job_instance_id"), rs.getInt("shard_no"),
				rs.getString("display_name"), rs.getString("state"), rs.getString("provider_name"),
				rs.getString("input_file"), rs.getInt("products"), submitted == null ? null : submitted.toInstant(),
				ProviderBatch.parseResultsRead(rs.getString("results_read")), rs.getBoolean("cancel_requested"));
	}

}
