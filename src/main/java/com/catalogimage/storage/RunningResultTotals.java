package com.catalogimage.storage;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.catalogimage.catalog.ProductStatus;
import com.catalogimage.storage.ResultRepository.Totals;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An execution's {@link Totals} kept as running sums, so that a read costs the result rows committed since the
 * previous one (and the products between), not the whole instance: the progress line asks every few seconds for
 * hours, and a full pass each time grew with the square of the catalog.
 * <p>
 * Why it never misses nor counts a row twice, though chunks commit out of id order (a product with a smaller id can
 * commit after a larger one was read, so "rows after the largest id seen" alone would lose it):
 * <ul>
 * <li>During a run result rows are only inserted, never updated or deleted (retention deletes only instances that
 * ended long ago, never the running one; a failed staging's cleanup deletes products without a result), and each is
 * inserted in the transaction that moves its product out of PENDING ({@code CatalogItemRepository.finish}, which
 * never moves one back). So a product seen out of PENDING without a result row never gets one, and one seen PENDING
 * may still get it later.</li>
 * <li>{@code watermark}: every product of the instance up to it has been looked at. A read first looks up the result
 * rows of the products it last saw PENDING ({@code open}, by primary key), then finds the instance's last product
 * with a result status through the feed's index ({@link #LAST_DONE}) and reads the products from the watermark up to
 * it by primary key, each with its result row ({@link #PRODUCTS_BETWEEN}): one with a row is counted, a PENDING one
 * without becomes open, any other (UP_TO_DATE) has none to come. The upper bound may be stale by the time the range
 * is read; any bound will do, products above it are the next read's. The join reads the product before its result
 * row (PostgreSQL reads both in one snapshot), so a row committed between the two is counted now, and a product whose
 * status was read out of PENDING has its row committed already, or never.</li>
 * <li>A counted product is either open (then removed) or above the old watermark (then below the new one): once.</li>
 * </ul>
 * A read costs the open products and the products the watermark passes over (each once per execution). The open ones
 * are those in flight, or held by a provider batch or deferred: at most the products still PENDING, which the
 * progress line counts anyway. A result is committed with its product's status in every path (the chunk writer,
 * the skip recorder, batch mode's deliveries and the deferred skips at the step's end all run in one transaction).
 * The first read starts below the instance's first product, so its sums start from all earlier executions' rows.
 * Not thread-safe: one reader asks at a time.
 */
public final class RunningResultTotals {

	/** Placeholders per look-up of open products, well under any database's limit of parameters. */
	private static final int LOOKUP_SIZE = 500;

	private static final String FIRST_ID = "select min(id) from catalog_item where job_instance_id = ?";

	/** The statuses a product gets in the transaction that inserts its result row. */
	private static final List<String> WITH_RESULT = List.of(ProductStatus.GENERATED.name(),
			ProductStatus.CACHED.name(), ProductStatus.SKIPPED.name());

	/**
	 * The instance's last product with the given status above an id: a range of the feed's index on (instance,
	 * status, id), one status at a time since H2 uses no id range after a list of statuses, nor the item id after the
	 * instance in {@code ix_generation_result_instance} (either read every row of the instance).
	 */
	private static final String LAST_DONE = """
			select max(id) from catalog_item where job_instance_id = ? and status = ? and id > ?""";

	/**
	 * The products in an id range, each with its result row if it has one. By primary key only: H2 would take any
	 * condition on the instance to the feed's index and read every product of the instance, so products of other
	 * instances in the range (only when two stagings ran at once) are passed over here, not in the query.
	 */
	private static final String PRODUCTS_BETWEEN = """
			select c.id, c.job_instance_id, c.status as item_status, r.item_id, r.job_execution_id, r.status, r.cost_usd,
			       r.http_429
			  from catalog_item c
			  left join generation_result r on r.item_id = c.id
			 where c.id > ? and c.id <= ?""";

	private final JdbcTemplate jdbc;

	private final long instanceId;

	private final long executionId;

	private final Set<Long> open = new HashSet<>();

	private long watermark;

	private long rows;

	private long imagesNow;

	private BigDecimal costUsd = BigDecimal.ZERO;

	private long http429;

	RunningResultTotals(JdbcTemplate jdbc, long instanceId, long executionId) {
		this.jdbc = jdbc;
		this.instanceId = instanceId;
		this.executionId = executionId;
		Long first = jdbc.queryForObject(FIRST_ID, Long.class, instanceId);
		// no product staged: no result can come either (results reference products), any start will do
		this.watermark = first == null ? 0 : first - 1;
	}

	public boolean isFor(long instanceId, long executionId) {
		return this.instanceId == instanceId && this.executionId == executionId;
	}

	/**
	 * The totals as a full recount would give them now; see the class comment for why. A read that fails changes
	 * nothing, so the next one reads the same rows again rather than counting half of them twice.
	 */
	public Totals read() {
		Read read = new Read();
		readOpen(read);
		long last = lastDone();
		if (last > this.watermark) {
			this.jdbc.query(PRODUCTS_BETWEEN, rs -> {
				if (rs.getLong("job_instance_id") != this.instanceId) {
					return;
				}
				if (rs.getObject("item_id") != null) {
					read.add(rs);
				}
				else if (ProductStatus.PENDING.name().equals(rs.getString("item_status"))) {
					read.opened.add(rs.getLong("id"));
				}
			}, this.watermark, last);
			this.watermark = last;
		}
		this.open.removeAll(read.closed);
		this.open.addAll(read.opened);
		this.rows += read.rows;
		this.imagesNow += read.imagesNow;
		this.costUsd = this.costUsd.add(read.costUsd);
		this.http429 += read.http429;
		return new Totals(this.rows, this.imagesNow, this.costUsd, this.http429);
	}

	/** The largest id of the instance's products that have a result row, or the watermark if none above it. */
	private long lastDone() {
		long last = this.watermark;
		for (String status : WITH_RESULT) {
			Long id = this.jdbc.queryForObject(LAST_DONE, Long.class, this.instanceId, status, this.watermark);
			if (id != null) {
				last = Math.max(last, id);
			}
		}
		return last;
	}

	/** Looks up the result rows of the products last seen PENDING. */
	private void readOpen(Read read) {
		List<Long> ids = new ArrayList<>(this.open);
		for (int from = 0; from < ids.size(); from += LOOKUP_SIZE) {
			List<Long> page = ids.subList(from, Math.min(ids.size(), from + LOOKUP_SIZE));
			String placeholders = String.join(",", Collections.nCopies(page.size(), "?"));
			this.jdbc.query("""
					select item_id, job_execution_id, status, cost_usd, http_429
					  from generation_result where item_id in (%s)""".formatted(placeholders), rs -> {
				read.add(rs);
				read.closed.add(rs.getLong("item_id"));
			}, page.toArray());
		}
	}

	/** What one read found, applied only once all of its queries succeeded. */
	private final class Read {

		private final List<Long> closed = new ArrayList<>();

		private final List<Long> opened = new ArrayList<>();

		private long rows;

		private long imagesNow;

		private BigDecimal costUsd = BigDecimal.ZERO;

		private long http429;

		void add(ResultSet rs) throws SQLException {
			this.rows++;
			String status = rs.getString("status");
			if (rs.getLong("job_execution_id") == RunningResultTotals.this.executionId
					&& (ProductStatus.GENERATED.name().equals(status) || ProductStatus.CACHED.name().equals(status))) {
				this.imagesNow++;
			}
			BigDecimal cost = rs.getBigDecimal("cost_usd");
			if (cost != null) {
				this.costUsd = this.costUsd.add(cost);
			}
			this.http429 += rs.getLong("http_429");
		}

	}

}
