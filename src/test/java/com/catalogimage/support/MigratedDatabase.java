package com.catalogimage.support;

import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
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
		String url = "jdbc:h2:mem:migrated" + NAMES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", "");
		migrate(dataSource, "h2");
		return new JdbcTemplate(dataSource);
	}

	/** A new database on the tests' shared PostgreSQL server ({@link Database#postgres()}), migrated alike. */
	public static JdbcTemplate postgres() {
		Database database = Database.postgres();
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), database.url(),
				database.user(), database.password());
		migrate(dataSource, "postgresql");
		return new JdbcTemplate(dataSource);
	}

	/** As the application migrates: the shared migrations and the vendor's own ({@code spring.flyway.locations}). */
	private static void migrate(SimpleDriverDataSource dataSource, String vendor) {
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
			.load()
			.migrate();
	}

}
