package com.catalogimage.ops;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

import com.catalogimage.CatalogImageApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The jar's entry point: parses the command line first (usage errors exit 64 without starting Spring or touching the
 * database), then starts the application context with the flags as configuration and runs the command.
 */
public final class CommandLineInterface {

	private CommandLineInterface() {
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
		Invocation invocation;
		try {
			invocation = CommandLineParser.parse(args);
		}
		catch (UsageException ex) {
			err.println("error: " + ex.getMessage());
			return ExitCodes.USAGE;
		}
		if (invocation.help()) {
			Commands.Command command = Commands.ALL.get(invocation.command());
			out.print(command == null ? Commands.help() : Commands.help(command));
			return ExitCodes.COMPLETED;
		}
		invocation = invocation.withOverrides(overrides);
		if (invocation.command().equals(Commands.SIMULATE.name())) {
			// the simulator needs neither the job's context nor its database
			return SimulateCommand.run(invocation, out, err);
		}
		if (invocation.command().equals(Commands.BENCH.name())) {
			// every benchmark run starts its own context on a fresh database
			return BenchCommand.run(invocation, out, err);
		}
		if (Commands.ALL.get(invocation.command()).readsCatalog()) {
			Path input = ConfigPreview.of(invocation).input();
			if (!Files.isRegularFile(input)) {
				err.println("error: input file not found: " + input.toAbsolutePath().normalize());
				return ExitCodes.USAGE;
			}
		}
		JobDatabase database = new JobDatabase(ConfigPreview.of(invocation).databaseUrl());
		GracefulShutdown shutdown = new GracefulShutdown(err);
		boolean graceful = invocation.command().equals(Commands.RUN.name());
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
		if (graceful) {
			shutdown.finish(code);
		}
		return code;
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
