package com.catalogimage.storage;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.sql.DataSource;

import com.catalogimage.storage.ResultRepository.Totals;
import com.catalogimage.support.MigratedDatabase;
import com.catalogimage.support.ScanCountingJdbcTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running totals equal a full recount of the committed rows at every read, though chunks commit out of id order:
 * each chunk here is its own open transaction on its own connection, as the workers' are. On H2, and on PostgreSQL
 * where a statement reads one snapshot.
 */
class RunningResultTotalsTests {

	private static final long INSTANCE = 7;

	private static final long EXECUTION = 11;

	private JdbcTemplate database = MigratedDatabase.h2();

	private final List<Connection> chunks = new ArrayList<>();

	private DataSource chunkSource;

	private long firstId;

	@BeforeEach
	void stage() {
		stage(this.database, this.database.getDataSource());
	}

	/**
	 * The reads and recounts on one connection, as a pool would give them: the tests' PostgreSQL data source opens a
	 * connection per statement, which made the random interleaving take half a minute. Chunks still get their own.
	 */
	private void onPostgresql() throws SQLException {
		DataSource postgres = MigratedDatabase.postgres().getDataSource();
		Connection reads = postgres.getConnection();
		this.chunks.add(reads);
		stage(new JdbcTemplate(new SingleConnectionDataSource(reads, true)), postgres);
	}

	/** Stages the instance's 40 products between two other instances' products, on the given database. */
	private void stage(JdbcTemplate database, DataSource chunkSource) {
		this.database = database;
		this.chunkSource = chunkSource;
		for (long instance : new long[] { 6, INSTANCE, 8 }) {
			int products = instance == INSTANCE ? 40 : 5;
			for (int line = 1; line <= products; line++) {
				database.update("""
						insert into catalog_item (job_instance_id, line_no, sku, name, description, category, prompt,
						    image_size, aspect_ratio, fingerprint, status)
						values (?, ?, ?, 'n', '', '', 'p', '1K', '1:1', ?, 'PENDING')""", instance, line, "P-" + line,
						"0".repeat(64));
			}
		}
		this.firstId = database.queryForObject("select min(id) from catalog_item where job_instance_id = ?",
				Long.class, INSTANCE);
	}

	@AfterEach
	void close() throws SQLException {
		for (Connection chunk : this.chunks) {
			chunk.close();
		}
	}

	@Test
	void countsAProductWhoseChunkCommitsAfterOneWithALargerIdWasRead() throws SQLException {
		countsAProductWhoseChunkCommitsAfterOneWithALargerIdWasReadOn();
	}

	@Test
	void countsAProductWhoseChunkCommitsAfterOneWithALargerIdWasReadOnPostgresql() throws SQLException {
		onPostgresql();
		countsAProductWhoseChunkCommitsAfterOneWithALargerIdWasReadOn();
	}

	private void countsAProductWhoseChunkCommitsAfterOneWithALargerIdWasReadOn() throws SQLException {
		// given: the chunk of the first product still open while a later product's chunk committed
		RunningResultTotals totals = new ResultRepository(this.database).runningTotals(INSTANCE, EXECUTION);
		Connection slow = chunk();
		finish(slow, 0, "GENERATED");
		finish(chunk(), 3, "GENERATED").commit();
		assertThat(totals.read()).isEqualTo(recount());
		// when: the first product's chunk commits after the read saw the later one
		slow.commit();
		// then
		assertThat(totals.read()).isEqualTo(recount());
		assertThat(totals.read().imagesNow()).isEqualTo(2);
	}

	@Test
	void countsARowCommittedBetweenTheReadsTwoQueries() throws SQLException {
		// given: a chunk that commits after the read took the largest result id, before it read the products up to it
		ScanCountingJdbcTemplate jdbc = new ScanCountingJdbcTemplate(this.database);
		RunningResultTotals totals = new ResultRepository(jdbc).runningTotals(INSTANCE, EXECUTION);
		Connection between = chunk();
		finish(between, 1, "GENERATED");
		finish(chunk(), 5, "SKIPPED").commit();
		jdbc.once("select max(id) from catalog_item", () -> commit(between));
		// when
		Totals read = totals.read();
		// then
		assertThat(read).isEqualTo(recount());
		assertThat(read.imagesNow()).isEqualTo(1);
		assertThat(totals.read()).isEqualTo(read);
	}

	@Test
	void equalsAFullRecountAtEveryReadWhateverOrderChunksCommitIn() throws SQLException {
		equalsAFullRecountAtEveryReadWhateverOrderChunksCommitInOn();
	}

	@Test
	void equalsAFullRecountAtEveryReadWhateverOrderChunksCommitInOnPostgresql() throws SQLException {
		onPostgresql();
		equalsAFullRecountAtEveryReadWhateverOrderChunksCommitInOn();
	}

	private void equalsAFullRecountAtEveryReadWhateverOrderChunksCommitInOn() throws SQLException {
		Random random = new Random(20261201);
		RunningResultTotals totals = new ResultRepository(this.database).runningTotals(INSTANCE, EXECUTION);
		List<Integer> lines = new ArrayList<>();
		for (int line = 0; line < 40; line++) {
			lines.add(line);
		}
		List<Connection> open = new ArrayList<>();
		while (!lines.isEmpty() || !open.isEmpty()) {
			int action = random.nextInt(4);
			if (action == 0 && !lines.isEmpty()) {
				Connection chunk = open.size() < 4 ? chunk() : open.get(random.nextInt(open.size()));
				open.remove(chunk);
				open.add(chunk);
				String status = random.nextInt(5) == 0 ? "SKIPPED" : "GENERATED";
				finish(chunk, lines.remove(random.nextInt(lines.size())), status);
			}
			else if (action == 1 && !open.isEmpty()) {
				open.remove(random.nextInt(open.size())).commit();
			}
			else {
				assertThat(totals.read()).isEqualTo(recount());
			}
		}
		assertThat(totals.read()).isEqualTo(recount());
		assertThat(totals.read().imagesNow()).isPositive();
	}

	@Test
	void aFailedReadChangesNothing() throws SQLException {
		// given
		ScanCountingJdbcTemplate jdbc = new ScanCountingJdbcTemplate(this.database);
		RunningResultTotals totals = new ResultRepository(jdbc).runningTotals(INSTANCE, EXECUTION);
		Connection slow = chunk();
		finish(slow, 0, "GENERATED");
		finish(chunk(), 2, "GENERATED").commit();
		totals.read();
		slow.commit();
		finish(chunk(), 4, "GENERATED").commit();
		// when: the read fails once it read the products up to the largest result id, before it moved on
		jdbc.once("left join generation_result", () -> {
			throw new IllegalStateException("the database went away");
		});
		try {
			totals.read();
		}
		catch (IllegalStateException expected) {
			// the progress line skips this one
		}
		// then
		assertThat(totals.read()).isEqualTo(recount());
	}

	private Connection chunk() {
		try {
			Connection connection = this.chunkSource.getConnection();
			connection.setAutoCommit(false);
			this.chunks.add(connection);
			return connection;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void commit(Connection connection) {
		try {
			connection.commit();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Finishes the product of the instance at {@code line} (0-based) as the writer does, uncommitted. */
	private Connection finish(Connection chunk, int line, String status) throws SQLException {
		long id = this.firstId + line;
		try (PreparedStatement update = chunk.prepareStatement("update catalog_item set status = ? where id = ?")) {
			update.setString(1, status);
			update.setLong(2, id);
			update.executeUpdate();
		}
		try (PreparedStatement insert = chunk.prepareStatement("""
				insert into generation_result (item_id, job_instance_id, job_execution_id, status, provider, model,
				    image_size, aspect_ratio, attempts, attempts_unknown, http_429, rate_wait_ms, retry_wait_ms,
				    cost_usd, cost_basis)
				values (?, ?, ?, ?, 'gemini', 'm', '1K', '1:1', 1, 0, ?, 0, 0, ?, 'flat')""")) {
			insert.setLong(1, id);
			insert.setLong(2, INSTANCE);
			insert.setLong(3, EXECUTION);
			insert.setString(4, status);
			insert.setInt(5, line % 3);
			insert.setBigDecimal(6, "SKIPPED".equals(status) ? null : new BigDecimal("0.039").add(BigDecimal.valueOf(line, 3)));
			insert.executeUpdate();
		}
		return chunk;
	}

	/** What the progress line read before it kept running sums: one pass over the instance's committed rows. */
	private Totals recount() {
		return this.database.queryForObject("""
				select count(*),
				       coalesce(sum(case when job_execution_id = ? and status in ('GENERATED', 'CACHED') then 1 else 0 end), 0),
				       coalesce(sum(cost_usd), 0), coalesce(sum(http_429), 0)
				  from generation_result where job_instance_id = ?""",
				(rs, row) -> new Totals(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), rs.getLong(4)), EXECUTION,
				INSTANCE);
	}

}
