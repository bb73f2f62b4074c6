package com.catalogimage.bench;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a remote-workers benchmark adds to {@link BenchSettings}: how many worker JVMs each series runs, and the
 * PostgreSQL server on which every run gets a database of its own.
 *
 * @param workerJvms the numbers of worker JVMs to measure, in this order within each round
 * @param serverUrl a JDBC URL of the server ({@code jdbc:postgresql://HOST:PORT/DB}); its database is only where the
 * benchmark connects to create and drop the runs' databases, so the user needs CREATEDB
 * @param user the database user; the password comes from the environment, as for the job
 */
public record RemoteBenchSettings(List<Integer> workerJvms, String serverUrl, String user) {

	/** The environment variable the job reads the database password from. */
	public static final String PASSWORD_VARIABLE = "CATALOG_DB_PASSWORD";

	private static final Pattern POSTGRES_URL = Pattern
		.compile("(jdbc:postgresql://[^/?]+)(?:/([^?]*))?(\\?.*)?");

	/**
	 * @throws IllegalArgumentException with a message for the user when the URL is not a PostgreSQL server's (H2
	 * cannot serve several processes) or carries a password (the worker JVMs' command lines would show it)
	 */
	public RemoteBenchSettings {
		workerJvms = List.copyOf(workerJvms);
		if (workerJvms.isEmpty()) {
			throw new IllegalArgumentException("--worker-jvms needs at least one number, e.g. 1,2,4");
		}
		String lower = serverUrl.toLowerCase(Locale.ROOT);
		if (lower.startsWith("jdbc:h2:")) {
			throw new IllegalArgumentException("bench --worker-jvms needs PostgreSQL (--db-url "
					+ "jdbc:postgresql://HOST:PORT/DB, a user allowed to CREATE DATABASE), not H2: worker JVMs share "
					+ "the job repository");
		}
		if (!POSTGRES_URL.matcher(serverUrl).matches()) {
			throw new IllegalArgumentException(
					"bench --worker-jvms needs --db-url jdbc:postgresql://HOST:PORT/DB, not " + serverUrl);
		}
		if (lower.contains("password=") || serverUrl.matches("jdbc:postgresql://[^/@]*:[^/@]*@.*")) {
			throw new IllegalArgumentException("bench --worker-jvms: give the database password in " + PASSWORD_VARIABLE
					+ ", not in --db-url (the worker JVMs' command lines would show it)");
		}
	}

	/** The URL of database {@code name} on the same server, with the same parameters. */
	String urlOf(String name) {
		Matcher url = POSTGRES_URL.matcher(this.serverUrl);
		if (!url.matches()) {
			throw new IllegalStateException("checked by the constructor");
		}
		return url.group(1) + "/" + name + (url.group(3) == null ? "" : url.group(3));
	}

	String describe() {
		return ("worker-jvms=%s server=%s user=%s; concurrency is per worker JVM, rpm shared by all; no warm-up: each "
				+ "run's worker JVMs start fresh").formatted(this.workerJvms, this.serverUrl, this.user);
	}

}
