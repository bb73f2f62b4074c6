package com.catalogimage.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.catalogimage.ops.CommandLineInterface;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs the jar's command line in-process against a throw-away workspace (its own H2 file and output folder) and
 * keeps what it printed, so end-to-end tests exercise exactly what a user runs.
 */
public final class JobRun {

	public record Result(int exitCode, String out, String err) {
	}

	private final Path workspace;

	private final Database database;

	private final Map<String, String> properties = new LinkedHashMap<>();

	public JobRun(Path workspace) {
		this(workspace, Database.h2(workspace));
	}

	/**
	 * The pace of a run whose test names none (no {@code --rpm}, no {@code imagebatch.generation.rpm}): the default 600
	 * rpm hands out 10 permits a second, so pacing, not the job, would take most of a test's time. Tests of the
	 * limiter itself say their rate.
	 */
	static final String TEST_RPM = "60000";

	public JobRun(Path workspace, Database database) {
		this.workspace = workspace;
		this.database = database;
		this.properties.put("imagebatch.simulator.time-scale", "0.004");
		if (!database.password().isEmpty()) {
			this.properties.put("spring.datasource.password", database.password());
		}
	}

	public JobRun property(String name, String value) {
		this.properties.put(name, value);
		return this;
	}

	public Path output() {
		return this.workspace.resolve("output");
	}

	public String dbUrl() {
		return this.database.url();
	}

	public Path dbFile() {
		return this.workspace.resolve("db/catalog.mv.db");
	}

	public Result run(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		// status reads the job database only, and refuses --output
		if (!all.contains("--output") && !all.get(0).equals("status")) {
			all.add("--output");
			all.add(output().toString());
		}
		if (!all.contains("--db-url")) {
			all.add("--db-url");
			all.add(dbUrl());
			all.add("--db-user");
			all.add(this.database.user());
		}
		Map<String, String> overrides = new LinkedHashMap<>(this.properties);
		if (!all.contains("--rpm")) {
			// overrides win over flags, so the test pace is only added when the command line names none
			overrides.putIfAbsent("imagebatch.generation.rpm", TEST_RPM);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = CommandLineInterface.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), overrides);
		return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	/** A connection to the workspace database, for asserting what the job committed. */
	public JdbcTemplate jdbc() {
		return this.database.jdbc();
	}

}
