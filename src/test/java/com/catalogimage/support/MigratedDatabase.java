package com.catalogimage.support;

import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * An in-memory H2 database with the application's tables (its Flyway migrations, the vendor's own included; not
 * Spring Batch's), for tests of a query that insert the rows they need by hand. Each call gives a new, empty database;
 * PostgreSQL for a query whose behaviour differs there.
 */
public final class MigratedDatabase {

	private static final AtomicInteger NAMES = new AtomicInteger();

	private MigratedDatabase() {
	}

	public static JdbcTemplate h2() {
		return h2UpTo("latest");
	}

	/** A new database on the tests' shared PostgreSQL server ({@link Database#postgres()}), migrated alike. */
	public static JdbcTemplate postgres() {
		return postgresUpTo("latest");
	}

	/**
	 * A new H2 database migrated up to and including {@code version} only, as an earlier release left it; a
	 * migration test fills it with that release's rows, then {@link #migrate(JdbcTemplate, String)} it the rest of
	 * the way.
	 */
	public static JdbcTemplate h2UpTo(String version) {
		String url = "jdbc:h2:mem:migrated" + NAMES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", "");
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		migrate(jdbc, "h2", version);
		return jdbc;
	}

	/** As {@link #h2UpTo(String)}, on the shared PostgreSQL server. */
	public static JdbcTemplate postgresUpTo(String version) {
		Database database = Database.postgres();
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), database.url(),
				database.user(), database.password());
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		migrate(jdbc, "postgresql", version);
		return jdbc;
	}

	/** Applies every migration the database does not have yet, as the application does when it starts. */
	public static void migrate(JdbcTemplate jdbc, String vendor) {
		migrate(jdbc, vendor, "latest");
	}

	/** As the application migrates: the shared migrations and the vendor's own ({@code spring.flyway.locations}). */
	private static void migrate(JdbcTemplate jdbc, String vendor, String version) {
		FluentConfiguration configuration = Flyway.configure()
			.dataSource(jdbc.getDataSource())
			.locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
			.target(version);
		configuration.load().migrate();
	}

}
