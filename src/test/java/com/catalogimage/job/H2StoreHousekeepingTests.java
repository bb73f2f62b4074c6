package com.catalogimage.job;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code WRITE_DELAY=0} H2 writes a chunk per commit and never compacts while open, so chunks that keep a page
 * or two pile up, in the file and on the heap; a housekeeping round rewrites those pages and frees the chunks.
 */
class H2StoreHousekeepingTests {

	@TempDir
	Path folder;

	@Test
	void roundsFreeTheChunksThatSmallCommitsLeftBehind() throws SQLException {
		DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:file:" + this.folder.resolve("db") + ";WRITE_DELAY=0", "sa", "");
		try (Connection open = dataSource.getConnection()) {
			// given: 1,000 commits of a row each, the way the job's journal and chunks commit
			try (Statement ddl = open.createStatement()) {
				ddl.execute("create table item (id bigint primary key, status varchar(16), payload varchar)");
				ddl.execute("create index ix_item on item (status, id)");
			}
			for (int i = 1; i <= 1000; i++) {
				commitOne(open, i);
			}
			MVStore store = H2StoreHousekeeping.embeddedStore(dataSource).orElseThrow();
			// H2 frees a dead chunk only once it is older than the retention time (45 s in a run)
			store.setRetentionTime(0);
			commitOne(open, 1001);
			int withoutHousekeeping = chunks(store);
			// when
			for (int round = 0; round < 3; round++) {
				H2StoreHousekeeping.compact(store);
				commitOne(open, 1002 + round);
			}
			// then
			assertThat(chunks(store)).as("chunks, %d before", withoutHousekeeping)
				.isLessThan(withoutHousekeeping / 10);
		}
	}

	@Test
	void findsNoStoreBehindADatabaseOfAnotherProcess() {
		DataSource remote = new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:tcp://127.0.0.1:1/nothing", "sa",
				"");
		assertThat(H2StoreHousekeeping.embeddedStore(remote)).isEmpty();
	}

	private static void commitOne(Connection connection, long id) throws SQLException {
		try (PreparedStatement insert = connection
			.prepareStatement("insert into item (id, status, payload) values (?, 'PENDING', ?)")) {
			insert.setLong(1, id);
			insert.setString(2, "x".repeat(200));
			insert.executeUpdate();
		}
	}

	private static int chunks(MVStore store) {
		return (int) store.getFileStore().getLayoutMap().keySet().stream().filter(key -> key.startsWith("chunk.")).count();
	}

}
