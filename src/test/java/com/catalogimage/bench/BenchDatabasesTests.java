package com.catalogimage.bench;

import java.util.List;

import com.catalogimage.support.Database;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchDatabasesTests {

	@Test
	void eachRunGetsAFreshDatabaseOnTheServerWhichIsDroppedAfter() {
		// given: the server of a database the user may create databases on
		Database server = Database.postgres();
		BenchDatabases databases = new BenchDatabases(new RemoteBenchSettings(List.of(1), server.url(), server.user()),
				server.password());
		String name = BenchDatabases.freshName(2, 1);
		// when
		String url = databases.create(name);
		// then
		assertThat(url).contains("/" + name);
		assertThat(names(server)).contains(name);
		// when
		databases.drop(name);
		// then
		assertThat(names(server)).doesNotContain(name);
	}

	@Test
	void aServerThatCannotBeReachedIsNamedInOneMessage() {
		BenchDatabases databases = new BenchDatabases(
				new RemoteBenchSettings(List.of(1), "jdbc:postgresql://127.0.0.1:1/postgres", "u"), null);
		assertThatThrownBy(() -> databases.create("bench_x"))
			.hasMessageStartingWith("cannot create database bench_x on jdbc:postgresql://127.0.0.1:1/postgres (the user "
					+ "needs CREATEDB there): ")
			.hasNoCause();
	}

	private static List<String> names(Database server) {
		return server.jdbc().queryForList("select datname from pg_database", String.class);
	}

}
