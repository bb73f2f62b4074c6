package com.catalogimage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The {@code worker} processes of one remote run, started from the jar this benchmark runs from, each in a folder of
 * its own (its console output in {@code worker-<i>.log} beside it). They inherit this process's environment, so the
 * database password and any API key reach them without ever being on a command line.
 */
final class WorkerJvms implements AutoCloseable {

	/** What a worker prints once it listens for slots (RemoteWorker). */
	static final String READY = "takes slots from";

	private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

	private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);

	private final List<Process> processes = new CopyOnWriteArrayList<>();

	private final List<Path> logs = new ArrayList<>();

	/** A benchmark stopped with Ctrl-C or SIGTERM takes its workers along: they would wait on a broker gone for good. */
	private final Thread killOnExit = new Thread(() -> this.processes.forEach(Process::destroyForcibly),
			"bench-worker-jvms-exit");

	WorkerJvms() {
		Runtime.getRuntime().addShutdownHook(this.killOnExit);
	}

	/** The command line of one worker JVM: {@code java [jvm options] -jar JAR worker [arguments]}. */
	static List<String> command(String java, Path jar, List<String> jvmOptions, List<String> workerArguments) {
		List<String> command = new ArrayList<>();
		command.add(java);
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString(), "worker"));
		command.addAll(workerArguments);
		return command;
	}

	/** The java launcher of this JVM. */
	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * The packaged jar this JVM was started from ({@code java -jar catalog-image-batch.jar bench ...}).
	 * @throws IllegalStateException when it runs from classes (an IDE, the Maven plugin): there is no jar to start
	 */
	static Path jar() {
		String classPath = System.getProperty("java.class.path", "");
		Path jar = classPath.contains(java.io.File.pathSeparator) ? null : Path.of(classPath);
		if (jar == null || !classPath.endsWith(".jar") || !Files.isRegularFile(jar)) {
			throw new IllegalStateException("bench --worker-jvms starts worker JVMs from the packaged jar: run it as "
					+ "java -jar catalog-image-batch.jar bench ...");
		}
		return jar.toAbsolutePath();
	}

	/** Starts worker {@code index} (1-based) in {@code folder}. */
	void start(int index, List<String> command, Path folder) throws IOException {
		Path workerFolder = Files.createDirectories(folder.resolve("worker-" + index));
		Path log = folder.resolve("worker-" + index + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(workerFolder.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		this.logs.add(log);
		this.processes.add(builder.start());
	}

	/**
	 * Waits until every worker listens for slots, so the manager's requests find them all; the first to end or to
	 * stay silent past the timeout fails the run with the end of its output.
	 */
	void awaitReady() throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		for (int i = 0; i < this.processes.size(); i++) {
			while (!Files.readString(this.logs.get(i)).contains(READY)) {
				if (!this.processes.get(i).isAlive() || Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("worker JVM " + (i + 1) + " did not start: "
							+ (this.processes.get(i).isAlive() ? "no '" + READY + "' within " + START_TIMEOUT.toSeconds()
									+ " s" : "it ended") + "; its output ends with:\n" + tail(i));
				}
				// a child process's output file: polling is all there is to wait on
				Thread.sleep(100);
			}
		}
	}

	/** The process ids, in the order the workers were started. */
	List<Long> pids() {
		return this.processes.stream().map(Process::pid).toList();
	}

	String tail(int index) throws IOException {
		List<String> lines = Files.readAllLines(this.logs.get(index));
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
	}

	/** SIGTERM to every worker (each leaves the run cleanly), then waits; a worker still there a minute later is killed. */
	@Override
	public void close() throws InterruptedException {
		try {
			Runtime.getRuntime().removeShutdownHook(this.killOnExit);
		}
		catch (IllegalStateException ex) {
			// the JVM is exiting: the hook kills them
			return;
		}
		this.processes.forEach(Process::destroy);
		for (Process process : this.processes) {
			if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
		}
	}

}
