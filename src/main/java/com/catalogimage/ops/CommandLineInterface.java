package com.catalogimage.ops;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

import com.catalogimage.CatalogImageApplication;
import com.catalogimage.remote.EmbeddedBroker;
import com.catalogimage.remote.RemoteProperties;
import com.catalogimage.storage.OutputFolderCheck;
import com.catalogimage.storage.OutputFolderLock;
import com.catalogimage.storage.OutputLayout;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The jar's entry point: parses the command line first (usage errors exit 64 without starting Spring or touching the
 * database), then starts the application context with the flags as configuration and runs the command. {@code run}
 * first checks that its output folder can be written (exit 64 if not) and locks it for the run (exit 5 while another
 * run holds it); the other commands do not write images and take no lock.
 */
public final class CommandLineInterface {

	private CommandLineInterface() {
	}

	public static void main(String[] args) {
		// System.exit: cron and the nightly script act on the exit code (README, "Exit codes").
		System.exit(run(args));
	}

	public static int run(String... args) {
		return run(args, System.out, System.err);
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		return run(args, out, err, Map.of());
	}

	/**
	 * Runs a command with extra configuration properties on top of everything else (for embedding and tests, which
	 * set e.g. the simulator's time scale).
	 */
	public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> overrides) {
		JobDatabaseServer.bindToLoopback();
		try {
			return dispatch(args, out, err, overrides);
		}
		catch (RuntimeException ex) {
			// the last line of defence (a malformed profile, say): one line, never a stack trace
			err.println("error: " + FailureMessages.rootMessage(ex));
			return ExitCodes.FAILED;
		}
	}

	private static int dispatch(String[] args, PrintStream out, PrintStream err, Map<String, String> overrides) {
		CommandLineParser.Request request;
		try {
			request = CommandLineParser.parse(args);
		}
		catch (UsageException ex) {
			err.println("error: " + ex.getMessage());
			return ExitCodes.USAGE;
		}
		if (request instanceof CommandLineParser.Printout printout) {
			out.print(printout.text());
			return ExitCodes.COMPLETED;
		}
		Invocation invocation = ((Invocation) request).withOverrides(overrides);
		if (invocation.command().equals(Commands.SIMULATE)) {
			// the simulator needs neither the job's context nor its database
			return SimulateCommand.run(invocation, out, err);
		}
		if (invocation.command().equals(Commands.BENCH)) {
			// every benchmark run starts its own context on a fresh database
			return BenchCommand.run(invocation, out, err);
		}
		if (invocation.command().equals(Commands.BROKER)) {
			return BrokerCommand.run(invocation, out, err);
		}
		boolean worker = invocation.command().equals(Commands.WORKER);
		boolean remote = worker
				|| invocation.command().equals(Commands.RUN) && invocation.flags(Commands.Run.class).remote();
		if (remote) {
			Optional<String> refusal = RemoteRole.refusal(new JobDatabase(ConfigPreview.of(invocation).databaseUrl()),
					worker);
			if (refusal.isPresent()) {
				err.println("error: " + refusal.get());
				return ExitCodes.USAGE;
			}
			invocation = invocation.withOverrides(RemoteRole.properties(worker));
		}
		if (invocation.flags().readsCatalog()) {
			Path input = ConfigPreview.of(invocation).input();
			if (!Files.isRegularFile(input)) {
				err.println("error: input file not found: " + input.toAbsolutePath().normalize());
				return ExitCodes.USAGE;
			}
		}
		JobDatabase database = new JobDatabase(ConfigPreview.of(invocation).databaseUrl());
		boolean run = invocation.command().equals(Commands.RUN);
		// a worker stops as a run does: no new call, its calls in flight get the grace period
		boolean graceful = run || worker;
		OutputFolderLock lock = null;
		if (run) {
			OutputFolderClaim claim = claimOutputFolder(invocation, err);
			if (claim.lock() == null) {
				return claim.refusal();
			}
			lock = claim.lock();
		}
		if (worker) {
			// the run's manager holds the folder's lock; its workers only need to write into it
			Optional<String> unwritable = OutputFolderCheck.problem(new OutputLayout(ConfigPreview.of(invocation).output()));
			if (unwritable.isPresent()) {
				err.println("error: " + unwritable.get());
				return ExitCodes.USAGE;
			}
		}
		EmbeddedBroker broker = null;
		if (remote && !worker && ConfigPreview.of(invocation).broker().isEmpty()) {
			try {
				broker = EmbeddedBroker.start(RemoteProperties.DEFAULT_PORT, null);
			}
			catch (IllegalStateException ex) {
				if (lock != null) {
					lock.close();
				}
				err.println("error: " + ex.getMessage() + "; give the running broker's URL with --broker");
				return ExitCodes.USAGE;
			}
			out.println("No --broker: serving an embedded broker on " + broker.url() + " for this run's workers; start "
					+ "them with: java -jar catalog-image-batch.jar worker --broker " + broker.url()
					+ " (and this run's --db-url, --output, --provider, --model)");
			invocation = invocation.withOverrides(Map.of(RemoteProperties.BROKER, broker.url()));
		}
		GracefulShutdown shutdown = new GracefulShutdown(err);
		if (graceful) {
			shutdown.arm();
		}
		int code;
		Invocation command = invocation;
		try {
			code = DatabaseAccess.open(command.command(), database, access -> {
				try (ConfigurableApplicationContext context = start(command.withOverrides(access), !graceful)) {
					shutdown.attach(context);
					return execute(operation(context, command.command()), command, graceful, out, err);
				}
			}, err::println);
		}
		catch (Exception ex) {
			code = failure(ex, database, err);
		}
		finally {
			if (lock != null) {
				lock.close();
			}
			if (broker != null) {
				broker.close();
			}
		}
		if (graceful) {
			shutdown.finish(code);
		}
		return code;
	}

	/** The output folder {@code run} holds, or the exit code of why it cannot have it. */
	private record OutputFolderClaim(@Nullable OutputFolderLock lock, int refusal) {
	}

	/**
	 * Before anything is paid for: the output folder must be writable (else exit 64) and no other run's (else exit 5,
	 * whatever job database that run uses). Each refusal is one line.
	 */
	private static OutputFolderClaim claimOutputFolder(Invocation invocation, PrintStream err) {
		ConfigPreview preview = ConfigPreview.of(invocation);
		OutputLayout layout = new OutputLayout(preview.output());
		Optional<String> unwritable = OutputFolderCheck.problem(layout);
		if (unwritable.isPresent()) {
			err.println("error: " + unwritable.get());
			return new OutputFolderClaim(null, ExitCodes.USAGE);
		}
		OutputFolderLock lock;
		try {
			lock = OutputFolderLock.acquire(layout.root(), preview.input());
		}
		catch (OutputFolderLock.InUseException ex) {
			err.println("error: " + ex.getMessage());
			return new OutputFolderClaim(null, ExitCodes.ALREADY_RUNNING);
		}
		catch (UncheckedIOException ex) {
			err.println("error: " + FailureMessages.rootMessage(ex));
			return new OutputFolderClaim(null, ExitCodes.USAGE);
		}
		lock.stale().ifPresent(holder -> err.println("note: the last run into this output folder ended without "
				+ "releasing it (" + holder.describe() + "); that process is gone, so this run takes the folder over"));
		return new OutputFolderClaim(lock, ExitCodes.COMPLETED);
	}

	/**
	 * A run prints as it goes. The other commands print once they have succeeded, so that one tried again (the run
	 * it read through ended meanwhile) does not print half a table first.
	 */
	private static int execute(Operation operation, Invocation invocation, boolean live, PrintStream out,
			PrintStream err) throws Exception {
		if (live) {
			return operation.execute(invocation, out, err);
		}
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		int code = operation.execute(invocation, new PrintStream(buffer, true, StandardCharsets.UTF_8), err);
		out.print(buffer.toString(StandardCharsets.UTF_8));
		out.flush();
		return code;
	}

	private static Operation operation(ConfigurableApplicationContext context, String command) {
		return context.getBeansOfType(Operation.class)
			.values()
			.stream()
			.filter(operation -> operation.command().equals(command))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no operation for command " + command));
	}

	private static ConfigurableApplicationContext start(Invocation invocation, boolean shutdownHook) {
		SpringApplication application = new SpringApplication(CatalogImageApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setRegisterShutdownHook(shutdownHook);
		return application.run(invocation.springArguments().toArray(String[]::new));
	}

	private static int failure(Exception ex, JobDatabase database, PrintStream err) {
		for (Throwable cause : FailureMessages.causeChain(ex)) {
			if (cause instanceof SQLException sql && DatabaseAccess.IN_USE.equals(sql.getSQLState())) {
				String file = database.h2File().map(path -> path + ".mv.db").orElse(database.describe());
				String run = database.h2File()
					.flatMap(JobDatabaseServer::servingProcess)
					.map(pid -> " (a run, pid " + pid + ")")
					.orElse("");
				err.println("error: the job database " + file + " is in use by another catalog-image-batch process"
						+ run + "; wait for it to finish, then run this again");
				return ExitCodes.ALREADY_RUNNING;
			}
		}
		if (DatabaseAccess.runWentAway(ex)) {
			err.println("error: lost the connection to the job database " + database.describe()
					+ " (the run serving it ended?); run this again");
			return ExitCodes.FAILED;
		}
		err.println("error: " + FailureMessages.rootMessage(ex));
		return ExitCodes.FAILED;
	}

}
