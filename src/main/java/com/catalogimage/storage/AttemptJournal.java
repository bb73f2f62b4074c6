package com.catalogimage.storage;

import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.catalogimage.catalog.ProductStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records every provider call: a row, in its own transaction, when the call starts, and its outcome when it ends. Calls
 * of a chunk that rolls back, or of a JVM that dies, stay counted; a call that never got its end was in flight and
 * may have been billed. A delivered call's end may ride on the chunk's commit ({@link #deliveredWithChunk}).
 */
public class AttemptJournal {

	private static final Logger log = LoggerFactory.getLogger(AttemptJournal.class);

	/**
	 * How a call ended. {@code UNSAVED}: the image was delivered (so billed) but this machine could not save it; no
	 * result row prices such a call, so the report counts it from here.
	 */
	public enum Outcome {

		IN_FLIGHT, DELIVERED, RETRYABLE, ITEM, SYSTEMIC, ABANDONED, UNSAVED

	}

	/** Who made the call. */
	public record Caller(long itemId, long jobInstanceId, long jobExecutionId, String provider, String model) {
	}

	private final JdbcTemplate jdbc;

	private final TransactionTemplate ownTransaction;

	public AttemptJournal(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** Records a call about to be sent; returns its id. */
	public long started(Caller caller, int attempt, Instant at) {
		Long id = this.ownTransaction.execute(status -> {
			KeyHolder keys = new GeneratedKeyHolder();
			this.jdbc.update(connection -> {
				var ps = connection.prepareStatement("""
						insert into generation_attempt (item_id, job_instance_id, job_execution_id, provider, model,
						    attempt, started_at, outcome, outcome_unknown, rate_limited)
						values (?, ?, ?, ?, ?, ?, ?, 'IN_FLIGHT', true, false)""", new String[] { "id" });
				ps.setLong(1, caller.itemId());
				ps.setLong(2, caller.jobInstanceId());
				ps.setLong(3, caller.jobExecutionId());
				ps.setString(4, caller.provider());
				ps.setString(5, caller.model());
				ps.setInt(6, attempt);
				ps.setObject(7, at.atOffset(ZoneOffset.UTC));
				return ps;
			}, keys);
			return keys.getKey().longValue();
		});
		return id == null ? -1 : id;
	}

	/** Records how a call ended. */
	public void finished(long id, Outcome outcome, @Nullable String status, int httpStatus, boolean outcomeUnknown,
			boolean rateLimited, Instant at) {
		// REQUIRES_NEW: also when called after a chunk's rollback, whose connection is still bound to the thread
		this.ownTransaction.executeWithoutResult(
				tx -> update(id, outcome, status, httpStatus, outcomeUnknown, rateLimited, at));
	}

	private void update(long id, Outcome outcome, @Nullable String status, int httpStatus, boolean outcomeUnknown,
			boolean rateLimited, Instant at) {
		this.jdbc.update("""
				update generation_attempt set finished_at = ?, outcome = ?, status = ?, http_status = ?,
				    outcome_unknown = ?, rate_limited = ? where id = ?""", ps -> {
			ps.setObject(1, at.atOffset(ZoneOffset.UTC));
			ps.setString(2, outcome.name());
			ps.setString(3, status == null ? null : status.length() > 200 ? status.substring(0, 200) : status);
			if (httpStatus > 0) {
				ps.setInt(4, httpStatus);
			}
			else {
				ps.setNull(4, Types.INTEGER);
			}
			ps.setBoolean(5, outcomeUnknown);
			ps.setBoolean(6, rateLimited);
			ps.setLong(7, id);
		});
	}

	/**
	 * Records that a call delivered its image, in the transaction the caller is in (the chunk's, which commits the product's result a
	 * moment later), saving a commit per product. Should that transaction roll back, the end is written in its own
	 * transaction once it has, so a rolled-back chunk's deliveries stay counted. A process killed before the chunk
	 * commits leaves the call IN_FLIGHT: possibly billed, as every call it had out, and its image, already in the
	 * cache, is placed by the restart without a call. Outside a transaction it is {@link #finished}.
	 */
	public void deliveredWithChunk(long id, Instant at) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()
				|| !TransactionSynchronizationManager.isSynchronizationActive()) {
			finished(id, Outcome.DELIVERED, "200", 200, false, false, at);
			return;
		}
		update(id, Outcome.DELIVERED, "200", 200, false, false, at);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int completion) {
				if (completion == STATUS_COMMITTED) {
					return;
				}
				try {
					finished(id, Outcome.DELIVERED, "200", 200, false, false, at);
				}
				catch (RuntimeException ex) {
					// the row stays IN_FLIGHT, which counts the call as possibly billed: never less than it cost
					log.warn("The end of call {} could not be journalled after its chunk rolled back ({}); it counts as possibly billed",
							id, ex.getClass().getSimpleName());
				}
			}
		});
	}

	/** The calls made for a product in all executions of its run. */
	public record Totals(int attempts, int unknown, int rateLimited) {
	}

	/** Sums a product's journalled calls across every execution, rolled-back and killed ones included. */
	public Totals totals(long itemId) {
		return this.jdbc.queryForObject("""
				select count(*),
				       coalesce(sum(case when outcome_unknown then 1 else 0 end), 0),
				       coalesce(sum(case when rate_limited then 1 else 0 end), 0)
				  from generation_attempt where item_id = ?""",
				(rs, row) -> new Totals(rs.getInt(1), rs.getInt(2), rs.getInt(3)), itemId);
	}

	/**
	 * Journalled calls of the products with one status, model and size.
	 *
	 * @param unknown calls whose outcome is unknown: timed out, cut after sending, or in flight when a JVM died
	 * @param rateLimited calls answered 429
	 * @param delivered calls that delivered an image kept in the cache
	 * @param unsaved calls whose image was delivered (and billed) but could not be saved on this machine
	 */
	public record CallGroup(String status, String model, String size, long calls, long products, long unknown,
			long rateLimited, long delivered, long unsaved) {

		/**
		 * Delivered, so billed, images that no result row prices: those this machine could not save, and those kept
		 * in the cache by a chunk that then rolled back or a process that died (the restart shows them CACHED, cost
		 * 0). A GENERATED product's row prices exactly one delivery.
		 */
		public long unrecorded() {
			long priced = ProductStatus.GENERATED.name().equals(this.status) ? this.products : 0;
			return this.unsaved + Math.max(0, this.delivered - priced);
		}

	}

	/**
	 * The instance's calls grouped by their product's status and size: unlike the result rows, the journal also holds
	 * the calls of products still pending and of chunks that rolled back.
	 */
	public List<CallGroup> callGroups(long jobInstanceId) {
		return this.jdbc.query("""
				select c.status, a.model, c.image_size, count(*), count(distinct a.item_id),
				       coalesce(sum(case when a.outcome_unknown then 1 else 0 end), 0),
				       coalesce(sum(case when a.rate_limited then 1 else 0 end), 0),
				       coalesce(sum(case when a.outcome = 'DELIVERED' then 1 else 0 end), 0),
				       coalesce(sum(case when a.outcome = 'UNSAVED' then 1 else 0 end), 0)
				  from generation_attempt a join catalog_item c on c.id = a.item_id
				 where a.job_instance_id = ?
				 group by c.status, a.model, c.image_size""",
				(rs, row) -> new CallGroup(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
						rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)),
				jobInstanceId);
	}

	/** Calls made since {@code since} for a provider and model, across all runs (for the requests-per-day budget). */
	public long countSince(String provider, String model, Instant since) {
		Long count = this.jdbc.queryForObject(
				"select count(*) from generation_attempt where provider = ? and model = ? and started_at >= ?", Long.class,
				provider, model, since.atOffset(ZoneOffset.UTC));
		return count == null ? 0 : count;
	}

}
