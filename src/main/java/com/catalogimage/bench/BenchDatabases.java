package com.catalogimage.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * A fresh PostgreSQL database for each remote run, created on the settings' server and dropped after it, so no run
 * meets another's rows, claims or rate-limit buckets.
 */
final class BenchDatabases {

	private final RemoteBenchSettings settings;

	private final @Nullable String password;

	BenchDatabases(RemoteBenchSettings settings, @Nullable String password) {
		this.settings = settings;
		this.password = password;
	}

	/** A name no earlier run used: {@code bench_<workers>w_r<round>_<random>}. */
	static String freshName(int workerJvms, int round) {
		return "bench_%dw_r%d_%s".formatted(workerJvms, round,
				Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36).toLowerCase(Locale.ROOT));
	}

	/** @return the new database's URL */
	String create(String name) {
		execute("create database " + name, "cannot create database " + name + " on " + this.settings.serverUrl()
				+ " (the user needs CREATEDB there)");
		return this.settings.urlOf(name);
	}

	void drop(String name) {
		execute("drop database if exists " + name + " with (force)", "cannot drop database " + name);
	}

	private void execute(String sql, String failure) {
		try (Connection connection = DriverManager.getConnection(this.settings.serverUrl(), this.settings.user(),
				this.password == null ? "" : this.password); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			// the driver's message alone ("Connection refused") would not say what failed: the console shows only
			// the root cause's message, so this is the root
			throw new IllegalStateException(failure + ": " + ex.getMessage());
		}
	}

}
