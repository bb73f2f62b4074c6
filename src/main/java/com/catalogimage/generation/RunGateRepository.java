package com.catalogimage.generation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code run_gate} rows: one per execution of the generate step whose workers run in several processes. */
final class RunGateRepository {

	/** A closed gate as the database has it. */
	record Closed(GenerationGate.State state, @Nullable String reason) {
	}

	private final JdbcTemplate jdbc;

	RunGateRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** An open gate for the execution, unless it has one (the manager opened it, or another worker did). */
	void open(long jobExecutionId) {
		Long rows = this.jdbc.queryForObject("select count(*) from run_gate where job_execution_id = ?", Long.class,
				jobExecutionId);
		if (rows != null && rows > 0) {
			return;
		}
		try {
			this.jdbc.update("insert into run_gate (job_execution_id, state) values (?, 'OPEN')", jobExecutionId);
		}
		catch (DuplicateKeyException ex) {
			// another process opened it between the two statements: the same open gate
		}
	}

	/**
	 * Closes the gate if it is still open: one conditional update, so of two processes closing it at once the first
	 * one's reason is the one that stays.
	 */
	void close(long jobExecutionId, GenerationGate.State state, String reason, String by, Instant at) {
		this.jdbc.update("""
				update run_gate set state = ?, reason = ?, closed_by = ?, closed_at = ?
				 where job_execution_id = ? and state = 'OPEN'""", state.name(), reason, by, at.atOffset(ZoneOffset.UTC),
				jobExecutionId);
	}

	/** The gate if it is closed; null while it is open (or was never opened). */
	@Nullable Closed closed(long jobExecutionId) {
		List<Closed> rows = this.jdbc.query("select state, reason from run_gate where job_execution_id = ?",
				(rs, row) -> new Closed(GenerationGate.State.valueOf(rs.getString(1)), rs.getString(2)),
				jobExecutionId);
		return rows.isEmpty() || rows.get(0).state() == GenerationGate.State.OPEN ? null : rows.get(0);
	}

}
