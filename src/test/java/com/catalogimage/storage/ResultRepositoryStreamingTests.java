package com.catalogimage.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.catalogimage.support.MigratedDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's pass over a catalog's products reads its rows a page at a time on PostgreSQL, whose driver otherwise
 * holds the whole result in memory before the first row is used.
 */
class ResultRepositoryStreamingTests {

	private static final int PRODUCTS = CursorQuery.FETCH_SIZE * 3;

	@Test
	void theProductsAreReadThroughAnOpenCursorOnPostgresql() throws SQLException {
		// given
		JdbcTemplate observer = MigratedDatabase.postgres();
		stage(observer, PRODUCTS);
		// the repository on one connection that it gives back rather than closes, as a pool would have it
		SingleConnectionDataSource pooled = new SingleConnectionDataSource(url(observer), "postgres", "", true);
		JdbcTemplate jdbc = new JdbcTemplate(pooled);
		List<String> stateAtFirstRow = new ArrayList<>();
		List<String> skus = new ArrayList<>();
		// when
		new ResultRepository(jdbc).forEachProduct(7, "/out", product -> {
			if (skus.isEmpty()) {
				// seen from another session: the query's own is still in its transaction, the cursor open; a result
				// read whole would have ended the statement (autocommit: 'idle')
				stateAtFirstRow.addAll(observer.queryForList("""
						select state from pg_stat_activity
						where query like '%left join generation_result r on r.item_id = c.id%'
						  and pid <> pg_backend_pid()""", String.class));
			}
			skus.add(product.sku());
		});
		// then: every product once, in catalog order, and the cursor was open while they were read
		assertThat(skus).hasSize(PRODUCTS).startsWith("P-1", "P-2").endsWith("P-" + PRODUCTS);
		assertThat(stateAtFirstRow).containsExactly("idle in transaction");
		// and the connection is given back in autocommit, its read-only transaction ended
		assertThat(pooled.getConnection().getAutoCommit()).isTrue();
		assertThat(observer.queryForList("select state from pg_stat_activity where state = 'idle in transaction'"
				+ " and pid <> pg_backend_pid() and datname = current_database()", String.class)).isEmpty();
		pooled.destroy();
	}

	private static String url(JdbcTemplate jdbc) throws SQLException {
		try (Connection connection = jdbc.getDataSource().getConnection()) {
			return connection.getMetaData().getURL();
		}
	}

	@Test
	void theSamePassWorksOnH2() {
		JdbcTemplate jdbc = MigratedDatabase.h2();
		stage(jdbc, 3);
		List<String> skus = new ArrayList<>();
		new ResultRepository(jdbc).forEachProduct(7, "/out", product -> skus.add(product.sku()));
		assertThat(skus).containsExactly("P-1", "P-2", "P-3");
	}

	private static void stage(JdbcTemplate jdbc, int products) {
		List<Object[]> rows = new ArrayList<>();
		for (int line = 2; line < products + 2; line++) {
			rows.add(new Object[] { line, "P-" + (line - 1) });
		}
		jdbc.batchUpdate("""
				insert into catalog_item (job_instance_id, line_no, sku, name, prompt, image_size, aspect_ratio,
				    fingerprint, status)
				values (7, ?, ?, 'Mug', 'a mug', '1K', '1:1', repeat('0', 64), 'PENDING')""", rows);
	}

}
