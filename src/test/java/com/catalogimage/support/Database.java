package com.catalogimage.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A job repository database for a test: an H2 file in the test's workspace (the embedded default), or a fresh
 * database on a real PostgreSQL server started from Maven Central binaries, shared by all tests of the JVM.
 */
public record Database(String kind, String url, String user, String password) {

	private static final AtomicInteger NAMES = new AtomicInteger();

	private static EmbeddedPostgres postgres;

	public static Database h2(Path workspace) {
		return new Database("h2", "jdbc:h2:file:" + workspace.resolve("db/catalog").toAbsolutePath()
				+ ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "sa", "");
	}

	/** A new, empty database on the shared PostgreSQL server. */
	public static synchronized Database postgres() {
		try {
			if (postgres == null) {
				postgres = EmbeddedPostgres.builder().start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						postgres.close();
					}
					catch (IOException ignored) {
						// the JVM is ending
					}
				}));
			}
			String name = "catalog" + NAMES.incrementAndGet();
			try (Connection connection = postgres.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("create database " + name);
			}
			return new Database("postgresql", postgres.getJdbcUrl("postgres", name), "postgres", "");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static Database of(String kind, Path workspace) {
		return kind.equals("postgresql") ? postgres() : h2(workspace);
	}

	public JdbcTemplate jdbc() {
		java.sql.Driver driver = this.kind.equals("h2") ? new org.h2.Driver() : new org.postgresql.Driver();
		return new JdbcTemplate(new SimpleDriverDataSource(driver, this.url, this.user, this.password));
	}

	@Override
	public String toString() {
		return this.kind;
	}

}
