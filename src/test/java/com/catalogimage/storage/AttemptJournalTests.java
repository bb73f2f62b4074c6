package com.catalogimage.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

import javax.sql.DataSource;

import com.catalogimage.support.MigratedDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttemptJournalTests {

	private static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");

	private final JdbcTemplate jdbc = MigratedDatabase.h2();

	private final DataSource dataSource = this.jdbc.getDataSource();

	private final DataSourceTransactionManager transactions = new DataSourceTransactionManager(this.dataSource);

	private final AttemptJournal journal = new AttemptJournal(this.jdbc, this.transactions);

	@Test
	void aDeliveredCallsEndCommitsWithTheChunkNotBeforeIt() throws Exception {
		// given: a call journalled as started
		long call = this.journal.started(caller(), 1, AT);
		// when: its end is recorded inside the chunk's transaction
		String seenBeforeTheChunkCommits = new TransactionTemplate(this.transactions).execute(chunk -> {
			this.journal.deliveredWithChunk(call, AT.plusSeconds(1));
			return outcomeSeenByAnotherConnection(call);
		});
		// then: no commit of its own (another connection still sees it in flight), and it commits with the chunk
		assertThat(seenBeforeTheChunkCommits).isEqualTo("IN_FLIGHT");
		assertThat(outcomeSeenByAnotherConnection(call)).isEqualTo("DELIVERED");
		assertThat(this.journal.totals(1).unknown()).isZero();
	}

	@Test
	void aDeliveredCallsEndIsWrittenOnItsOwnWhenTheChunkRollsBack() throws Exception {
		// given
		long call = this.journal.started(caller(), 1, AT);
		// when: the chunk that recorded the delivery rolls back
		assertThatThrownBy(() -> new TransactionTemplate(this.transactions).executeWithoutResult(chunk -> {
			this.journal.deliveredWithChunk(call, AT.plusSeconds(1));
			throw new IllegalStateException("the writer failed");
		})).isInstanceOf(IllegalStateException.class);
		// then: the delivery stays counted (billed, and priced as unrecorded unless a restart's row prices it)
		assertThat(outcomeSeenByAnotherConnection(call)).isEqualTo("DELIVERED");
		assertThat(this.jdbc.queryForObject("select finished_at is not null from generation_attempt where id = ?",
				Boolean.class, call)).isTrue();
	}

	@Test
	void outsideATransactionTheEndIsWrittenAtOnce() throws Exception {
		long call = this.journal.started(caller(), 1, AT);
		this.journal.deliveredWithChunk(call, AT.plusSeconds(1));
		assertThat(outcomeSeenByAnotherConnection(call)).isEqualTo("DELIVERED");
	}

	private AttemptJournal.Caller caller() {
		this.jdbc.update("""
				insert into catalog_item (id, job_instance_id, line_no, sku, name, prompt, image_size, aspect_ratio,
				    fingerprint, status)
				values (1, 7, 1, 'P-1', 'n', 'p', '1K', '1:1', ?, 'PENDING')""", "0".repeat(64));
		return new AttemptJournal.Caller(1, 7, 9, "gemini", "gemini-3.1-flash-image-preview");
	}

	/** Read on a connection of its own, outside any transaction of this thread: what is committed. */
	private String outcomeSeenByAnotherConnection(long call) {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select outcome from generation_attempt where id = " + call)) {
			rows.next();
			return rows.getString(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
