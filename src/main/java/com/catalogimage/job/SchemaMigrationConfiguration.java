package com.catalogimage.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One schema migration at a time on a shared PostgreSQL database. A remote run's manager and workers start together
 * against a database that may still be empty: two Flyways at once both find the schema unversioned, one creates the
 * history table, and the other, finding it empty, refuses to baseline ("Unable to baseline schema history table").
 * A session advisory lock around the migration makes the second wait and then find the schema up to date. H2 files
 * are opened by one process at a time and need no lock.
 */
@Configuration(proxyBeanMethods = false)
class SchemaMigrationConfiguration {

	/** An arbitrary constant, the same in every process of this application. */
	private static final long MIGRATION_LOCK = 0x43_49_42_4d_49_47L;

	@Bean
	FlywayMigrationStrategy oneMigrationAtATime() {
		return flyway -> {
			DataSource dataSource = flyway.getConfiguration().getDataSource();
			try (Connection connection = dataSource.getConnection()) {
				boolean postgres = "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
				if (postgres) {
					execute(connection, "select pg_advisory_lock(" + MIGRATION_LOCK + ")");
				}
				try {
					flyway.migrate();
				}
				finally {
					if (postgres) {
						execute(connection, "select pg_advisory_unlock(" + MIGRATION_LOCK + ")");
					}
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException("could not lock the job database for its schema migration (SQL state "
						+ ex.getSQLState() + ")", ex);
			}
		};
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
