package com.catalogimage.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The staged products of each job instance and their status, the process indicator the generate step works from.
 */
public class CatalogItemRepository {

	private static final String COLUMNS = "id, job_instance_id, line_no, sku, name, prompt, image_size, aspect_ratio, reference_image, fingerprint";

	// The page queries below order by the feed index's whole key (job_instance_id, status, id), not by id alone:
	// with equal job_instance_id and status the order is the same, but only then does H2 read the index in order and
	// stop at the page's last row. Ordered by id alone H2 read every PENDING row after the page's start and sorted them
	// (95,002 rows read for a page of 200 in a 100,000-product run), so paging through a catalog cost its square.
	// PostgreSQL plans both alike. (docs/DESIGN-NOTES.md, "CPU per image in the workers (issue 16)")

	static final String PENDING_AFTER = "select " + COLUMNS + """
			 from catalog_item
			where job_instance_id = ? and status = 'PENDING' and id > ?
			order by job_instance_id, status, id
			fetch first ? rows only""";

	static final String PENDING_WITHOUT_BATCH_AFTER = "select " + COLUMNS + """
			 from catalog_item
			where job_instance_id = ? and status = 'PENDING' and batch_id is null and id > ?
			order by job_instance_id, status, id
			fetch first ? rows only""";

	private final JdbcTemplate jdbc;

	/** Whether the database is PostgreSQL, asked once (null until then). */
	private volatile @Nullable Boolean postgres;

	public CatalogItemRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(long jobInstanceId, List<StagedProduct> products) {
		this.jdbc.batchUpdate("""
				insert into catalog_item (job_instance_id, line_no, sku, name, prompt, image_size, aspect_ratio,
				    reference_image, fingerprint, status)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", products, products.size(), (ps, staged) -> {
			Product product = staged.product();
			ps.setLong(1, jobInstanceId);
			ps.setLong(2, product.line());
			ps.setString(3, product.sku());
			ps.setString(4, product.name());
			ps.setString(5, product.prompt());
			ps.setString(6, product.size());
			ps.setString(7, product.aspectRatio());
			ps.setString(8, product.referenceImage());
			ps.setString(9, staged.fingerprint());
			ps.setString(10, staged.status().name());
		});
	}

	public void insertRejections(long jobInstanceId, List<Rejection> rejections) {
		this.jdbc.batchUpdate("""
				insert into catalog_rejection (job_instance_id, line_no, sku, field, reason) values (?, ?, ?, ?, ?)""",
				rejections, rejections.size(), (ps, rejection) -> {
					ps.setLong(1, jobInstanceId);
					ps.setLong(2, rejection.line());
					ps.setString(3, rejection.sku());
					ps.setString(4, rejection.field());
					ps.setString(5, rejection.reason());
				});
	}

	/**
	 * Removes what an earlier, rolled-back or interrupted staging of this instance may have left: its products that
	 * have no result yet, PENDING or UP_TO_DATE as staging left them. A product with a result is GENERATED, CACHED or
	 * SKIPPED, a status set in the same transaction as its result row, so it stays.
	 */
	public void deleteStaged(long jobInstanceId) {
		this.jdbc.update("delete from catalog_rejection where job_instance_id = ?", jobInstanceId);
		this.jdbc.update("delete from catalog_removal where job_instance_id = ?", jobInstanceId);
		this.jdbc.update("delete from catalog_item where job_instance_id = ? and status in ('PENDING', 'UP_TO_DATE')",
				jobInstanceId);
	}

	/** The next pending products after {@code afterId}, in id order (keyset paging). */
	public List<CatalogItem> pendingAfter(long jobInstanceId, long afterId, int limit) {
		return this.jdbc.query(PENDING_AFTER, CatalogItemRepository::item, jobInstanceId, afterId, limit);
	}

	/**
	 * The next pending products after {@code afterId} that no provider batch holds ({@code batch_id} unset), in id
	 * order: what batch mode may still submit.
	 */
	public List<CatalogItem> pendingWithoutBatchAfter(long jobInstanceId, long afterId, int limit) {
		return this.jdbc.query(PENDING_WITHOUT_BATCH_AFTER, CatalogItemRepository::item, jobInstanceId, afterId,
				limit);
	}

	/**
	 * The products of the instance that a provider batch holds and that are still PENDING, in id order. Asked by
	 * instance and status, so the feed's index serves it on H2 too, which has no index of {@code batch_id} (V10).
	 */
	public List<CatalogItem> pendingInBatch(long jobInstanceId, long batchId) {
		return this.jdbc.query("select " + COLUMNS + """
				 from catalog_item
				where job_instance_id = ? and status = 'PENDING' and batch_id = ?
				order by id""", CatalogItemRepository::item, jobInstanceId, batchId);
	}

	/** A product if it is still PENDING in the given batch (a batch result is applied only to such a product). */
	public Optional<CatalogItem> pendingItemInBatch(long id, long batchId) {
		return this.jdbc.query("select " + COLUMNS + """
				 from catalog_item
				where id = ? and batch_id = ? and status = 'PENDING'""", CatalogItemRepository::item, id, batchId)
			.stream()
			.findFirst();
	}

	/** Links products to the provider batch that holds them (in the transaction that records the batch's intent). */
	public void linkToBatch(List<Long> ids, long batchId) {
		this.jdbc.batchUpdate("update catalog_item set batch_id = ? where id = ?", ids, 500, (ps, id) -> {
			ps.setLong(1, batchId);
			ps.setLong(2, id);
		});
	}

	/** Unlinks products from their batch (left out of its input file after all: they belong in a later one). */
	public void unlinkFromBatch(List<Long> ids) {
		this.jdbc.batchUpdate("update catalog_item set batch_id = null where id = ?", ids, 500,
				(ps, id) -> ps.setLong(1, id));
	}

	/**
	 * Moves a product out of PENDING. Conditional on it still being PENDING, so a product handed out twice fails loudly
	 * instead of being recorded twice.
	 */
	public void finish(long id, ProductStatus status, @Nullable String reason) {
		int updated = this.jdbc.update("update catalog_item set status = ?, reason = ? where id = ? and status = 'PENDING'",
				status.name(), reason, id);
		if (updated != 1) {
			throw new IllegalStateException("catalog item " + id + " was not PENDING: handed out twice?");
		}
	}

	public Map<ProductStatus, Long> countByStatus(long jobInstanceId) {
		Map<ProductStatus, Long> counts = new EnumMap<>(ProductStatus.class);
		for (ProductStatus status : ProductStatus.values()) {
			counts.put(status, 0L);
		}
		this.jdbc.query("select status, count(*) from catalog_item where job_instance_id = ? group by status",
				rs -> {
					counts.put(ProductStatus.valueOf(rs.getString(1)), rs.getLong(2));
				}, jobInstanceId);
		return counts;
	}

	public long countRejections(long jobInstanceId) {
		Long count = this.jdbc.queryForObject("select count(*) from catalog_rejection where job_instance_id = ?",
				Long.class, jobInstanceId);
		return count == null ? 0 : count;
	}

	// claims with a lease and deferred skips: used only when workers run in several processes (V6)

	/**
	 * Claims up to {@code limit} PENDING products of the instance for a worker until {@code until}, in id order:
	 * products nobody claimed, or whose claim expired at {@code now} (their worker died), and that the given execution
	 * has not deferred. On PostgreSQL one statement ({@code FOR UPDATE SKIP LOCKED}: concurrent claims never wait for
	 * each other nor take the same row); elsewhere (H2) one conditional update per candidate, so a row is still
	 * claimed by one worker only.
	 */
	public List<CatalogItem> claim(long jobInstanceId, long jobExecutionId, String worker, Instant now, Instant until,
			int limit) {
		List<CatalogItem> claimed = postgres() ? claimSkippingLocked(jobInstanceId, jobExecutionId, worker, now, until,
				limit) : claimOneByOne(jobInstanceId, jobExecutionId, worker, now, until, limit);
		List<CatalogItem> ordered = new ArrayList<>(claimed);
		ordered.sort(Comparator.comparingLong(CatalogItem::id));
		return ordered;
	}

	private static final String CLAIMABLE = """
			job_instance_id = ? and status = 'PENDING' and (claimed_by is null or claim_expires_at <= ?)
			    and (deferred_execution_id is null or deferred_execution_id <> ?)""";

	static final String CLAIMABLE_FIRST = "select " + COLUMNS + " from catalog_item where " + CLAIMABLE
			+ " order by job_instance_id, status, id fetch first ? rows only";

	private List<CatalogItem> claimSkippingLocked(long jobInstanceId, long jobExecutionId, String worker, Instant now,
			Instant until, int limit) {
		return this.jdbc.query("update catalog_item set claimed_by = ?, claim_expires_at = ?"
				+ " where id in (select id from catalog_item where " + CLAIMABLE
				+ " order by id limit ? for update skip locked) returning " + COLUMNS, CatalogItemRepository::item,
				worker, timestamp(until), jobInstanceId, timestamp(now), jobExecutionId, limit);
	}

	private List<CatalogItem> claimOneByOne(long jobInstanceId, long jobExecutionId, String worker, Instant now,
			Instant until, int limit) {
		List<CatalogItem> candidates = this.jdbc.query(
				CLAIMABLE_FIRST,
				CatalogItemRepository::item, jobInstanceId, timestamp(now), jobExecutionId, limit);
		List<CatalogItem> claimed = new ArrayList<>();
		for (CatalogItem candidate : candidates) {
			int updated = this.jdbc.update("update catalog_item set claimed_by = ?, claim_expires_at = ? where id = ?"
					+ " and status = 'PENDING' and (claimed_by is null or claim_expires_at <= ?)", worker,
					timestamp(until), candidate.id(), timestamp(now));
			if (updated == 1) {
				claimed.add(candidate);
			}
		}
		return claimed;
	}

	/** Extends every claim a worker holds on a PENDING product until {@code until}: one statement for all of them. */
	public int renewClaims(String worker, Instant until) {
		return this.jdbc.update(
				"update catalog_item set claim_expires_at = ? where claimed_by = ? and status = 'PENDING'",
				timestamp(until), worker);
	}

	/** Gives back the given products a worker claimed but never started. */
	public void releaseClaims(String worker, List<Long> ids) {
		this.jdbc.batchUpdate("update catalog_item set claimed_by = null, claim_expires_at = null"
				+ " where id = ? and claimed_by = ? and status = 'PENDING'", ids, 500, (ps, id) -> {
					ps.setLong(1, id);
					ps.setString(2, worker);
				});
	}

	/** Gives back every PENDING product a worker still holds (its steps have ended). */
	public int releaseClaims(String worker) {
		return this.jdbc.update("update catalog_item set claimed_by = null, claim_expires_at = null"
				+ " where claimed_by = ? and status = 'PENDING'", worker);
	}

	/**
	 * PENDING products of the instance that other workers hold on a lease still running at {@code now}, leaving out
	 * those the execution deferred: work that is not done yet, and that falls back to the pool if its worker dies.
	 */
	public long countClaimedByOthers(long jobInstanceId, long jobExecutionId, String worker, Instant now) {
		Long count = this.jdbc.queryForObject("""
				select count(*) from catalog_item
				 where job_instance_id = ? and status = 'PENDING' and claimed_by is not null and claimed_by <> ?
				   and claim_expires_at > ? and (deferred_execution_id is null or deferred_execution_id <> ?)""",
				Long.class, jobInstanceId, worker, timestamp(now), jobExecutionId);
		return count == null ? 0 : count;
	}

	/**
	 * Why a product's skip waits for the step's verdict, as the worker that gave up on it knew it.
	 *
	 * @param reason short reason for the report ({@code retries-exhausted:503 UNAVAILABLE}, a rejection's status)
	 * @param message what the last answer said
	 * @param startedAt when its first attempt started
	 */
	public record Deferral(String reason, String message, Instant startedAt, long rateWaitMs, long retryWaitMs) {
	}

	/** A PENDING product deferred by an execution, with why. */
	public record DeferredItem(CatalogItem item, Deferral deferral) {
	}

	/** Marks a PENDING product as deferred by an execution: no worker of that execution is handed it again. */
	public void defer(long id, long jobExecutionId, Deferral deferral) {
		this.jdbc.update("""
				update catalog_item set deferred_execution_id = ?, deferred_reason = ?, deferred_message = ?,
				    deferred_started_at = ?, deferred_rate_wait_ms = ?, deferred_retry_wait_ms = ?
				 where id = ? and status = 'PENDING'""", jobExecutionId, truncate(deferral.reason(), 200),
				deferral.message(), timestamp(deferral.startedAt()), deferral.rateWaitMs(), deferral.retryWaitMs(), id);
	}

	/** The products an execution deferred that are still PENDING, in id order. */
	public List<DeferredItem> deferred(long jobExecutionId) {
		return this.jdbc.query("select " + COLUMNS + """
				, deferred_reason, deferred_message, deferred_started_at, deferred_rate_wait_ms, deferred_retry_wait_ms
				 from catalog_item
				where deferred_execution_id = ? and status = 'PENDING'
				order by id""", (rs, row) -> new DeferredItem(item(rs, row),
				new Deferral(rs.getString("deferred_reason"), rs.getString("deferred_message"),
						rs.getObject("deferred_started_at", OffsetDateTime.class).toInstant(), rs.getLong("deferred_rate_wait_ms"),
						rs.getLong("deferred_retry_wait_ms"))),
				jobExecutionId);
	}

	/**
	 * What counts against the skip limit of an execution: the instance's SKIPPED products, and those the execution
	 * deferred that are still PENDING.
	 */
	public long countSkippedOrDeferred(long jobInstanceId, long jobExecutionId) {
		Long count = this.jdbc.queryForObject("""
				select count(*) from catalog_item
				 where job_instance_id = ?
				   and (status = 'SKIPPED' or (status = 'PENDING' and deferred_execution_id = ?))""", Long.class,
				jobInstanceId, jobExecutionId);
		return count == null ? 0 : count;
	}

	private boolean postgres() {
		Boolean postgres = this.postgres;
		if (postgres == null) {
			postgres = this.jdbc.execute((java.sql.Connection connection) -> connection.getMetaData()
				.getDatabaseProductName()
				.toLowerCase(java.util.Locale.ROOT)
				.contains("postgres"));
			this.postgres = postgres;
		}
		return Boolean.TRUE.equals(postgres);
	}

	/** Timestamps go in as UTC offsets, as the journal writes them, so H2 and PostgreSQL compare them alike. */
	private static Object timestamp(Instant at) {
		return at.atOffset(ZoneOffset.UTC);
	}

	private static String truncate(String text, int length) {
		return text.length() > length ? text.substring(0, length) : text;
	}

	private static CatalogItem item(ResultSet rs, int row) throws SQLException {
		return new CatalogItem(rs.getLong("id"), rs.getLong("job_instance_id"), rs.getLong("line_no"),
				rs.getString("sku"), rs.getString("name"), rs.getString("prompt"), rs.getString("image_size"),
				rs.getString("aspect_ratio"), rs.getString("reference_image"), rs.getString("fingerprint"));
	}

}
