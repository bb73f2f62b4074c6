package com.catalogimage.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.catalogimage.remote.EmbeddedBroker;
import com.catalogimage.simulator.SimulatorServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a remote run needs, in this JVM: an embedded broker on a free port of 127.0.0.1, a simulator, and the manager
 * ({@code run --workers remote}) and {@code worker} commands, each its own application context, run in the background
 * where a test needs them to serve while it goes on. A JUnit extension, one per test: before each test it starts the
 * broker and the simulator; after it, it ends the workers the test left serving, then the broker and the simulator.
 * <pre>
 * &#64;TempDir
 * Path workspace;
 *
 * &#64;RegisterExtension
 * final InProcessRemoteRun remote = InProcessRemoteRun.in(() -&gt; this.workspace);
 * </pre>
 */
public final class InProcessRemoteRun implements BeforeEachCallback, AfterEachCallback {

	private final Supplier<Path> workspace;

	private final List<Thread> threads = new ArrayList<>();

	private @Nullable EmbeddedBroker broker;

	private @Nullable SimulatorServer simulator;

	private InProcessRemoteRun(Supplier<Path> workspace) {
		this.workspace = workspace;
	}

	/**
	 * @param workspace where the manager's and the workers' workspaces go: the test's {@code @TempDir}, read only
	 * while the test runs (JUnit sets it after the field holding this extension)
	 */
	public static InProcessRemoteRun in(Supplier<Path> workspace) {
		return new InProcessRemoteRun(workspace);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.broker = EmbeddedBroker.start(freePort(), null);
		this.simulator = Simulators.start("time-scale", "0.004");
	}

	@Override
	public void afterEach(ExtensionContext context) throws InterruptedException {
		// a worker serves until stopped: interrupting its thread ends it
		this.threads.forEach(Thread::interrupt);
		for (Thread thread : this.threads) {
			thread.join(30_000);
		}
		this.threads.clear();
		if (this.broker != null) {
			this.broker.close();
		}
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	private static int freePort() {
		try (ServerSocket free = new ServerSocket(0)) {
			return free.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public EmbeddedBroker broker() {
		return Objects.requireNonNull(this.broker, "started before each test");
	}

	public SimulatorServer simulator() {
		return Objects.requireNonNull(this.simulator, "started before each test");
	}

	/** The manager's command, polling the job repository every 500 ms so that a test sees slots end soon. */
	public JobRun manager(Database database) {
		return new JobRun(this.workspace.get().resolve("manager"), database)
			.property("imagebatch.remote.poll-interval", "500ms");
	}

	/** {@code run --workers remote} on this broker and simulator, then {@code more}. */
	public String[] managerArgs(Path catalog, String... more) {
		List<String> args = new ArrayList<>(List.of("run", "--workers", "remote", "--broker", broker().url(),
				"--input", catalog.toString(), "--base-url", simulator().baseUrl()));
		args.addAll(List.of(more));
		return args.toArray(String[]::new);
	}

	/** {@code worker} on this broker and simulator with two slots, writing to {@code output}, then {@code more}. */
	public String[] workerArgs(Path output, String... more) {
		List<String> args = new ArrayList<>(List.of("worker", "--broker", broker().url(), "--base-url",
				simulator().baseUrl(), "--output", output.toString(), "--concurrency", "2"));
		args.addAll(List.of(more));
		return args.toArray(String[]::new);
	}

	/** The command of a worker named {@code name}, in a workspace of its own. */
	public JobRun workerRun(Database database, String name) {
		return new JobRun(this.workspace.get().resolve("worker-" + name), database);
	}

	/** A worker serving in the background until the test ends. */
	public void worker(Database database, Path output, String name) {
		JobRun worker = workerRun(database, name);
		background("worker-" + name, () -> worker.run(workerArgs(output)));
	}

	/** Runs {@code command} on a thread of its own, which the end of the test interrupts if it still runs then. */
	public CompletableFuture<JobRun.Result> background(String name, Supplier<JobRun.Result> command) {
		CompletableFuture<JobRun.Result> result = new CompletableFuture<>();
		Thread thread = new Thread(() -> result.complete(command.get()), name);
		thread.start();
		this.threads.add(thread);
		return result;
	}

}
