package com.catalogimage.ops;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The job repository's JDBC URL and what the command line needs to know about it: whether it is an H2 file this
 * process opens itself (then only one process can have it open), where that file is, and how to name the database
 * to a person without its password. A relative H2 path is relative to the current folder, which is why the run says
 * where its job state is.
 */
record JobDatabase(String url) {

	private static final String H2 = "jdbc:h2:";

	/** A {@code password} setting in a query string ({@code ?password=}) or in H2's {@code ;PASSWORD=} form. */
	private static final Pattern PASSWORD_SETTING = Pattern.compile("(?i)[;&]password=[^;&]*|(?<=\\?)password=[^;&]*&?");

	/** The password in {@code //user:password@host}. */
	private static final Pattern USER_INFO_PASSWORD = Pattern.compile("//([^/@:]*):[^/@]*@");

	/**
	 * The H2 database file of an embedded file URL ({@code jdbc:h2:file:PATH} or {@code jdbc:h2:PATH}), absolute and
	 * without the {@code .mv.db} suffix; empty for a server URL, an in-memory database or another database.
	 */
	Optional<Path> h2File() {
		if (!this.url.regionMatches(true, 0, H2, 0, H2.length())) {
			return Optional.empty();
		}
		String name = this.url.substring(H2.length());
		int settings = name.indexOf(';');
		if (settings >= 0) {
			name = name.substring(0, settings);
		}
		if (name.regionMatches(true, 0, "file:", 0, 5)) {
			name = name.substring(5);
		}
		else if (name.matches("(?s)[A-Za-z][A-Za-z0-9]+:.*")) {
			// mem:, tcp:, ssl:, zip:, nio:...: not a file this process opens as it is (a drive letter has one letter)
			return Optional.empty();
		}
		if (name.isBlank()) {
			return Optional.empty();
		}
		Path path = name.startsWith("~") ? Path.of(System.getProperty("user.home") + name.substring(1)) : Path.of(name);
		return Optional.of(path.toAbsolutePath().normalize());
	}

	/** Where job state is, for people: an H2 file as an absolute path without settings, any other URL without password. */
	String describe() {
		Optional<Path> file = h2File();
		if (file.isPresent()) {
			return H2 + "file:" + file.get();
		}
		String shown = PASSWORD_SETTING.matcher(this.url).replaceAll("");
		return USER_INFO_PASSWORD.matcher(shown).replaceAll("//$1@");
	}

	/** Whether the URL names an H2 server (tcp or ssl), through which other processes may use the same database. */
	boolean h2Server() {
		String lower = this.url.toLowerCase(Locale.ROOT);
		return lower.startsWith("jdbc:h2:tcp:") || lower.startsWith("jdbc:h2:ssl:");
	}

}
