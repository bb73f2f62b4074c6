package com.catalogimage.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Runs the packaged jar as a separate process, as cron does, so tests can kill it with SIGKILL or SIGTERM. It talks
 * to a simulator started by the test (so request counts survive the process) through the Gemini client with a dummy
 * key from the environment.
 */
public class ChildJob {

	private final Path workspace;

	private final String simulatorUrl;

	public ChildJob(Path workspace, String simulatorUrl) {
		this.workspace = workspace;
		this.simulatorUrl = simulatorUrl;
	}

	public Path output() {
		return this.workspace.resolve("output");
	}

	public String dbUrl() {
		return "jdbc:h2:file:" + this.workspace.resolve("db/catalog").toAbsolutePath()
				+ ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
	}

	public JdbcTemplate jdbc() {
		return new JdbcTemplate(new SimpleDriverDataSource(new org.h2.Driver(), dbUrl(), "sa", ""));
	}

	/** Starts {@code java -jar catalog-image-batch.jar <args>} against the workspace; output goes to a log file. */
	public Process start(String... args) throws IOException {
		String jar = System.getProperty("catalog.jar", "target/catalog-image-batch.jar");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar));
		command.addAll(List.of(args));
		if (args.length > 0 && args[0].equals("run")) {
			command.addAll(List.of("--provider", "gemini", "--base-url", this.simulatorUrl, "--output",
					output().toString()));
		}
		command.addAll(List.of("--db-url", dbUrl()));
		Files.createDirectories(this.workspace);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
		builder.environment().put("GEMINI_API_KEY", "child-test-key");
		return builder.start();
	}

	/** Runs a command to its end and returns the exit code. */
	public int run(String... args) throws IOException, InterruptedException {
		Process process = start(args);
		if (!process.waitFor(3, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("child did not finish: " + String.join(" ", args));
		}
		return process.exitValue();
	}

	public Path log() {
		return this.workspace.resolve("child.log");
	}

	public String logText() throws IOException {
		return Files.exists(log()) ? Files.readString(log()) : "";
	}

}
