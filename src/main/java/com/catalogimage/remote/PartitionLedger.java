package com.catalogimage.remote;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import com.catalogimage.run.CatalogImageJob;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Who runs each slot of a remote run ({@code partition_worker}). Taking a slot is inserting its row, so exactly one
 * process has it: a worker that takes it, or the manager that closes it because nobody did.
 */
final class PartitionLedger {

	/** The holder of a slot the manager closed. */
	static final String MANAGER = "manager";

	/** A slot of a remote run as the job repository and the ledger see it. */
	record Slot(long stepExecutionId, String stepName, String status, @Nullable String worker, @Nullable Instant beatAt) {

		boolean running() {
			return this.status.equals("STARTING") || this.status.equals("STARTED") || this.status.equals("STOPPING");
		}

		boolean taken() {
			return this.worker != null;
		}

		boolean heldByWorker() {
			return this.worker != null && !this.worker.equals(MANAGER);
		}

	}

	private final JdbcTemplate jdbc;

	private final Clock clock;

	PartitionLedger(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Takes a slot for a worker; false if another worker or the manager has it. */
	boolean take(long stepExecutionId, long jobExecutionId, String worker) {
		OffsetDateTime now = now();
		try {
			return this.jdbc.update("insert into partition_worker (step_execution_id, job_execution_id, worker, "
					+ "taken_at, beat_at) values (?, ?, ?, ?, ?)", stepExecutionId, jobExecutionId, worker, now,
					now) == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** The manager closes a slot nobody has taken; false if a worker took it first. */
	boolean close(long stepExecutionId, long jobExecutionId) {
		return take(stepExecutionId, jobExecutionId, MANAGER);
	}

	/** A worker's sign of life for the slots it runs. */
	void beat(Collection<Long> stepExecutionIds, String worker) {
		OffsetDateTime now = now();
		for (Long id : stepExecutionIds) {
			this.jdbc.update("update partition_worker set beat_at = ? where step_execution_id = ? and worker = ?", now,
					id, worker);
		}
	}

	/**
	 * Frees the slot of a worker that stopped beating, so it can be sent again; false if the worker beat meanwhile
	 * (it was slow, not dead) or the slot changed hands.
	 */
	boolean free(Slot slot) {
		return this.jdbc.update(
				"delete from partition_worker where step_execution_id = ? and worker = ? and beat_at = ?",
				slot.stepExecutionId(), slot.worker(), slot.beatAt().atOffset(ZoneOffset.UTC)) == 1;
	}

	/** A leaving worker gives its slot back, so another worker can take it. */
	void release(long stepExecutionId, String worker) {
		this.jdbc.update("delete from partition_worker where step_execution_id = ? and worker = ?", stepExecutionId,
				worker);
	}

	/** The slots of a job execution (the worker step's executions), with who holds each and its last beat. */
	List<Slot> slots(long jobExecutionId) {
		return this.jdbc.query("select s.step_execution_id, s.step_name, s.status, w.worker, w.beat_at"
				+ " from batch_step_execution s left join partition_worker w on w.step_execution_id = s.step_execution_id"
				+ " where s.job_execution_id = ? and s.step_name like ? order by s.step_execution_id",
				(rs, row) -> {
					OffsetDateTime beat = rs.getObject(5, OffsetDateTime.class);
					return new Slot(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
							beat == null ? null : beat.toInstant());
				}, jobExecutionId, CatalogImageJob.WORKER_STEP + ":%");
	}

	private OffsetDateTime now() {
		return this.clock.instant().atOffset(ZoneOffset.UTC);
	}

}
