package com.catalogimage.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;

/**
 * An H2 template that adds up the rows H2 reads for each query asked through its {@code query} and
 * {@code queryForObject} with arguments (by the query's {@code EXPLAIN ANALYZE}, run with its own parameters just
 * before it), and runs a hook after the queries that contain a given text: to measure what a read of several queries
 * costs, and to commit another transaction between two of them.
 */
public final class ScanCountingJdbcTemplate extends JdbcTemplate {

	private final JdbcTemplate plain;

	private final List<Hook> hooks = new ArrayList<>();

	private long rowsRead;

	public ScanCountingJdbcTemplate(JdbcTemplate plain) {
		super(plain.getDataSource());
		this.plain = plain;
	}

	/** Rows read since the last call. */
	public long takeRowsRead() {
		long rows = this.rowsRead;
		this.rowsRead = 0;
		return rows;
	}

	/** Runs {@code hook} once, after the next query whose text contains {@code text}. */
	public void once(String text, Runnable hook) {
		this.hooks.add(new Hook(text, hook));
	}

	@Override
	public <T> @Nullable T queryForObject(String sql, Class<T> requiredType, @Nullable Object... args) {
		return measured(sql, args, () -> super.queryForObject(sql, requiredType, args));
	}

	@Override
	public <T> @Nullable T queryForObject(String sql, RowMapper<T> mapper, @Nullable Object... args) {
		return measured(sql, args, () -> super.queryForObject(sql, mapper, args));
	}

	@Override
	public <T> List<T> query(String sql, RowMapper<T> mapper, @Nullable Object... args) {
		return measured(sql, args, () -> super.query(sql, mapper, args));
	}

	@Override
	public void query(String sql, RowCallbackHandler handler, @Nullable Object... args) {
		measured(sql, args, () -> {
			super.query(sql, handler, args);
			return null;
		});
	}

	/** Adds up the rows H2 reads for the query, runs it, then the hooks its text is due for. */
	private <T> T measured(String sql, @Nullable Object[] args, Supplier<T> query) {
		this.rowsRead += QueryPlans.rowsRead(this.plain, sql, args);
		T result = query.get();
		List<Hook> due = this.hooks.stream().filter(hook -> sql.contains(hook.text())).toList();
		this.hooks.removeAll(due);
		due.forEach(hook -> hook.action().run());
		return result;
	}

	private record Hook(String text, Runnable action) {
	}

}
