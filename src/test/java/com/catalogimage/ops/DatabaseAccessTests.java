package com.catalogimage.ops;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseAccessTests {

	@TempDir
	Path workspace;

	private final List<Map<String, String>> attempts = new ArrayList<>();

	private final List<String> notices = new ArrayList<>();

	private SingleConnectionDataSource run;

	private JobDatabaseServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop();
		}
		if (this.run != null) {
			this.run.destroy();
		}
	}

	/** 90067: the connection broke; 90121: the database closed under a transaction, whose rollback reports that. */
	@ParameterizedTest(name = "H2 error {0}")
	@ValueSource(strings = { "90067", "90121" })
	void aReaderWhoseRunEndedMidwayIsTriedAgainOnTheFile(String sqlState) throws Exception {
		// given: a run serving its file
		JobDatabase database = serving();
		String served = JobDatabaseServer.urlForReaders(database.h2File().orElseThrow()).orElseThrow();
		// when: the run ends while status reads through it
		String result = DatabaseAccess.open("status", database, access -> {
			this.attempts.add(access);
			if (this.attempts.size() == 1) {
				this.server.stop();
				throw new IllegalStateException("reading failed", new SQLException("the run went away", sqlState));
			}
			return "read";
		}, this.notices::add);
		// then
		assertThat(result).isEqualTo("read");
		assertThat(this.attempts).containsExactly(DatabaseAccess.through(served), Map.of());
		assertThat(this.attempts.get(0)).containsEntry("spring.flyway.enabled", "false")
			.containsEntry("spring.batch.jdbc.initialize-schema", "never");
	}

	@Test
	void aReaderThatFindsTheFileHeldWaitsForTheRunToServeIt() throws Exception {
		// given: a run still starting holds the file and serves it a moment later
		JobDatabase database = new JobDatabase("jdbc:h2:file:" + this.workspace.resolve("data/db"));
		// when
		String result = DatabaseAccess.open("report", database, access -> {
			this.attempts.add(access);
			if (this.attempts.size() == 1) {
				serving();
				throw new IllegalStateException("no context", new SQLException("Database may be already in use", "90020"));
			}
			return "rendered";
		}, this.notices::add);
		// then
		assertThat(result).isEqualTo("rendered");
		assertThat(this.attempts).hasSize(2);
		assertThat(this.attempts.get(0)).isEmpty();
		assertThat(this.attempts.get(1)).containsKey("spring.datasource.url");
		assertThat(this.notices).singleElement().asString().startsWith("note: another process has the job database");
	}

	@Test
	void aRunOpensTheFileItselfServesItAndIsNeverTriedAgain() {
		JobDatabase database = new JobDatabase("jdbc:h2:file:" + this.workspace.resolve("data/db"));
		assertThatThrownBy(() -> DatabaseAccess.open("run", database, access -> {
			this.attempts.add(access);
			throw new IllegalStateException("in use", new SQLException("Database may be already in use", "90020"));
		}, this.notices::add)).hasMessage("in use");
		assertThat(this.attempts).containsExactly(Map.of(OpsConfiguration.SERVE_READERS, "true"));
	}

	@Test
	void otherFailuresAreNotTriedAgain() {
		JobDatabase database = new JobDatabase("jdbc:h2:file:" + this.workspace.resolve("data/db"));
		assertThatThrownBy(() -> DatabaseAccess.open("status", database, access -> {
			this.attempts.add(access);
			throw new IllegalStateException("table missing", new SQLException("Table not found", "42S02"));
		}, this.notices::add)).hasMessage("table missing");
		assertThat(this.attempts).hasSize(1);
	}

	/** Opens the file as a run does and serves it. */
	private JobDatabase serving() {
		Path file = this.workspace.resolve("data/db");
		this.run = new SingleConnectionDataSource("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", true);
		new org.springframework.jdbc.core.JdbcTemplate(this.run).execute("select 1");
		this.server = new JobDatabaseServer(file);
		this.server.start();
		return new JobDatabase("jdbc:h2:file:" + file);
	}

}
