package com.catalogimage.ops;

import java.math.BigDecimal;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The jar's commands and the flags each accepts, declared for picocli, which parses them, writes the help and the
 * shell completion script. A flag with a {@link Property} sets that configuration property; its default is the
 * properties record's, shown in the help by {@link PropertyDefaults}. The other flags are read by the command itself.
 */
final class Commands {

	static final String RUN = "run";

	static final String ESTIMATE = "estimate";

	static final String STATUS = "status";

	static final String RECOVER = "recover";

	static final String REPORT = "report";

	static final String SIMULATE = "simulate";

	static final String BENCH = "bench";

	static final String WORKER = "worker";

	static final String BROKER = "broker";

	static final String COMPLETION = "completion";

	static final String HELP = "help";

	private Commands() {
	}

	/**
	 * What the dispatcher needs to know of a parsed command before Spring starts, and the {@code --help} every
	 * command takes (picocli reads the options and mixins a superclass declares too).
	 */
	abstract static class Flags {

		@Mixin
		HelpFlag help;

		/** Whether the command needs the catalog file (checked before Spring starts). */
		boolean readsCatalog() {
			return false;
		}

		/** Checks the flags together, throwing {@link UsageException}; runs before Spring starts. */
		void check() {
		}

		/** The job profile's file, or null for none. */
		@Nullable Path profile() {
			return null;
		}

	}

	/** The flags of a command that reads a job profile: {@code --profile} besides {@code --help}. */
	abstract static class ProfiledFlags extends Flags {

		@Mixin
		ProfileFlag profile;

		@Override
		final @Nullable Path profile() {
			return this.profile.file;
		}

	}

	@Command(name = "java -jar catalog-image-batch.jar",
			description = "Turns a product CSV into product images through AI image-generation APIs.",
			subcommands = { Run.class, Estimate.class, Status.class, Recover.class, Report.class, Worker.class,
					Broker.class, SimulateFlags.class, BenchFlags.class, Completion.class, Help.class },
			footer = "%n'<command> --help' lists a command's options and their defaults.")
	static final class Root {

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "show this help")
		boolean help;

	}

	/**
	 * Where the help lists --profile, then the database flags, then --help: after the command's own flags, which have
	 * picocli's default order, -1. Without an order picocli would list them first, as it reads the mixins of a
	 * superclass ({@link Flags}, {@link ProfiledFlags}) before the command's own.
	 */
	private static final int PROFILE_ORDER = 1;

	private static final int DATABASE_ORDER = 2;

	private static final int HELP_ORDER = 3;

	static final class HelpFlag {

		@Option(names = "--help", usageHelp = true, description = "show this help", order = HELP_ORDER)
		boolean help;

	}

	static final class ProfileFlag {

		@Option(names = "--profile", paramLabel = "NAME|FILE", converter = FlagValues.ProfileFile.class,
				order = PROFILE_ORDER,
				description = "job profile: jobs/NAME.yml or a YAML file, in the current folder or the application's "
						+ "(flags override it)")
		@Nullable Path file;

	}

	static final class DatabaseFlags {

		@Option(names = "--db-url", paramLabel = "JDBC-URL", description = "job repository database",
				order = DATABASE_ORDER)
		@Property("spring.datasource.url")
		@Nullable String url;

		@Option(names = "--db-user", paramLabel = "USER", order = DATABASE_ORDER,
				description = "database user; the password comes from the environment variable CATALOG_DB_PASSWORD")
		@Property("spring.datasource.username")
		@Nullable String user;

	}

	/**
	 * The flags of {@code run} and {@code estimate}: the catalog, its defaults for rows that set no size or aspect
	 * ratio, and which of its products to generate (all read while staging it, by the manager alone), with the
	 * {@link GenerationFlags} a {@code worker} takes too.
	 */
	static final class JobFlags {

		@Option(names = "--input", paramLabel = "FILE",
				description = "products CSV")
		@Property("imagebatch.catalog.input")
		@Nullable Path input;

		@Mixin
		GenerationFlags generation;

		@Option(names = "--size", paramLabel = "SIZE", converter = FlagValues.Sizes.class,
				completionCandidates = FlagValues.Sizes.class,
				description = "image size for rows that set none: ${COMPLETION-CANDIDATES}")
		@Property("imagebatch.provider.size")
		@Nullable String size;

		@Option(names = "--aspect-ratio", paramLabel = "W:H", converter = FlagValues.AspectRatios.class,
				completionCandidates = FlagValues.AspectRatios.class,
				description = "aspect ratio for rows that set none, e.g. 1:1 or 16:9")
		@Property("imagebatch.provider.aspect-ratio")
		@Nullable String aspectRatio;

		@Option(names = "--force", arity = "0", showDefaultValue = Visibility.ALWAYS,
				description = "regenerate every product, even those whose image is current")
		@Property("imagebatch.catalog.force")
		boolean force;

		@Option(names = "--only", paramLabel = "SKU,...", description = "regenerate just these products")
		@Property("imagebatch.catalog.only")
		@Nullable String only;

		@Option(names = "--prune", arity = "0", showDefaultValue = Visibility.ALWAYS,
				description = "delete the images of products no longer in the catalog")
		@Property("imagebatch.catalog.prune")
		boolean prune;

	}

	/**
	 * Where the images go, which provider makes them and how hard to drive it: what every process that generates
	 * applies, so {@code run} and {@code estimate} (through {@link JobFlags}) and {@code worker} take them alike. A
	 * remote run's own --max-cost and --rpd are recorded with it and win over a worker's.
	 */
	static final class GenerationFlags {

		@Option(names = "--output", paramLabel = "DIR",
				description = "output folder")
		@Property("imagebatch.output.dir")
		@Nullable Path output;

		@Option(names = "--provider", paramLabel = "NAME", converter = FlagValues.Providers.class,
				completionCandidates = FlagValues.Providers.class,
				description = "simulator (built in), gemini or openai (OpenAI images API or a compatible relay)")
		@Property("imagebatch.provider.name")
		@Nullable String provider;

		@Option(names = "--base-url", paramLabel = "URL", description = "the provider's base URL (a relay, say)")
		@Property("imagebatch.provider.base-url")
		@Nullable String baseUrl;

		@Option(names = "--model", paramLabel = "NAME", description = "model id")
		@Property("imagebatch.provider.model")
		@Nullable String model;

		@Option(names = "--concurrency", paramLabel = "N", converter = FlagValues.PositiveInt.class,
				description = "calls in flight at most = partition workers")
		@Property("imagebatch.generation.concurrency")
		@Nullable Integer concurrency;

		@Option(names = "--rpm", paramLabel = "N", converter = FlagValues.PositiveInt.class,
				description = "requests per minute, retries included; no sliding minute holds more")
		@Property("imagebatch.generation.rpm")
		@Nullable Integer rpm;

		@Option(names = "--burst", paramLabel = "N", converter = FlagValues.PositiveInt.class,
				description = "permits handed out together (rpm / 60 is a refresh every second)")
		@Property("imagebatch.generation.burst")
		@Nullable Integer burst;

		@Option(names = "--chunk-size", paramLabel = "N", converter = FlagValues.PositiveInt.class,
				description = "products per worker transaction")
		@Property("imagebatch.generation.chunk-size")
		@Nullable Integer chunkSize;

		@Option(names = "--max-attempts", paramLabel = "N", converter = FlagValues.PositiveInt.class,
				description = "attempts per product, first call included")
		@Property("imagebatch.generation.max-attempts")
		@Nullable Integer maxAttempts;

		@Option(names = "--skip-limit", paramLabel = "N", converter = FlagValues.PositiveInt.class,
				description = "skipped products before the job fails")
		@Property("imagebatch.generation.skip-limit")
		@Nullable Integer skipLimit;

		@Option(names = "--rpd", paramLabel = "N", converter = FlagValues.PositiveInt.class,
				description = "requests per day for this provider and model, across runs; the run stops when spent "
						+ "(a remote run's manager's value wins over a worker's)")
		@Property("imagebatch.generation.rpd")
		@Nullable Integer rpd;

		@Option(names = "--max-cost", paramLabel = "USD", converter = FlagValues.PositiveDecimal.class,
				description = "cost budget of the run; it stops before a call or a batch would exceed it (a remote "
						+ "run's manager's value wins over a worker's)")
		@Property("imagebatch.generation.max-cost")
		@Nullable BigDecimal maxCost;

		@Option(names = "--adaptive-rate", arity = "1", showDefaultValue = Visibility.ALWAYS, paramLabel = "true|false",
				converter = FlagValues.TrueOrFalse.class, completionCandidates = FlagValues.TrueOrFalse.class,
				description = "slow down after a 429 and speed up again while calls succeed")
		@Property("imagebatch.generation.adaptive-rate")
		@Nullable Boolean adaptiveRate;

	}

	/** The flags of {@code run} that say how the images are bought: one call each, or the provider's Batch API. */
	static final class BatchModeFlags {

		@Option(names = "--mode", paramLabel = "MODE", converter = FlagValues.Modes.class,
				completionCandidates = FlagValues.Modes.class,
				description = "sync (a call per image), batch (Batch API, half price, waits) or auto (batch, then sync "
						+ "in time for --deadline)")
		@Property("imagebatch.batch.mode")
		@Nullable String mode;

		@Option(names = "--deadline", paramLabel = "WHEN", converter = FlagValues.Deadlines.class,
				description = "auto: when the images are needed: HH:mm (next), an ISO instant or a duration (6h)")
		@Property("imagebatch.batch.deadline")
		@Nullable String deadline;

		@Option(names = "--batch-size", paramLabel = "N", converter = FlagValues.PositiveInt.class,
				description = "products per provider batch at most")
		@Property("imagebatch.batch.size")
		@Nullable Integer size;

		@Option(names = "--batch-poll", paramLabel = "DURATION", converter = FlagValues.PositiveDuration.class,
				description = "how often to ask the provider about open batches")
		@Property("imagebatch.batch.poll")
		@Nullable String poll;

	}

	/** The broker remote workers and their manager meet at. */
	static final class BrokerFlag {

		@Option(names = "--broker", paramLabel = "tcp://HOST:PORT", converter = FlagValues.BrokerUrl.class,
				description = "the JMS broker (ActiveMQ Artemis) of remote workers; without it a remote run serves "
						+ "one on 127.0.0.1:61616, and a worker connects to that one")
		@Property("imagebatch.remote.broker")
		@Nullable String url;

	}

	@Command(name = RUN, description = "generate the images of a catalog (continues the same run after a failure)")
	static final class Run extends ProfiledFlags {

		@Mixin
		JobFlags job;

		@Mixin
		BatchModeFlags batch;

		@Option(names = "--workers", paramLabel = "WHERE", converter = FlagValues.WorkerPlaces.class,
				completionCandidates = FlagValues.WorkerPlaces.class,
				description = "local (this process) or remote (worker processes; PostgreSQL only)")
		String workers = LOCAL;

		@Mixin
		BrokerFlag broker;

		@Option(names = "--partitions", paramLabel = "N", converter = FlagValues.PositiveInt.class,
				description = "slots a remote run sends to its workers")
		@Property("imagebatch.remote.partitions")
		@Nullable Integer partitions;

		@Option(names = "--recover", arity = "0", showDefaultValue = Visibility.ALWAYS,
				description = "if a killed run left this run marked STARTED, recover it first, then continue")
		boolean recover;

		@Option(names = "--run-id", paramLabel = "ID",
				description = "part of the run's identity: a new id starts a fresh run (e.g. the date)")
		@Nullable String runId;

		@Mixin
		DatabaseFlags database;

		@Override
		boolean readsCatalog() {
			return true;
		}

		@Override
		void check() {
			if (!remote() && (this.broker.url != null || this.partitions != null)) {
				throw new UsageException((this.broker.url != null ? "--broker" : "--partitions")
						+ " is for --workers remote only");
			}
		}

		boolean remote() {
			return this.workers.equals(REMOTE);
		}

	}

	static final String LOCAL = "local";

	static final String REMOTE = "remote";

	@Command(name = WORKER, description = "take slots of remote runs (run --workers remote) from the broker and "
			+ "generate their images, until stopped; give it the run's --db-url, --output, --provider and --model "
			+ "(or its --profile)")
	static final class Worker extends ProfiledFlags {

		@Mixin
		GenerationFlags generation;

		@Mixin
		BrokerFlag broker;

		@Mixin
		DatabaseFlags database;

	}

	@Command(name = BROKER, description = "serve an ActiveMQ Artemis broker for remote workers on 127.0.0.1 until "
			+ "stopped; its queue survives a restart (kept in --data)")
	static final class Broker extends Flags {

		@Option(names = "--port", paramLabel = "PORT", converter = FlagValues.Port.class,
				description = "port on 127.0.0.1")
		int port = 61616;

		@Option(names = "--data", paramLabel = "DIR", description = "where the broker keeps its messages")
		Path data = Path.of("data", "broker");

	}

	@Command(name = ESTIMATE,
			description = "count what a run would generate and estimate its cost and duration; no API call, nothing kept")
	static final class Estimate extends ProfiledFlags {

		@Mixin
		JobFlags job;

		@Option(names = "--deadline", paramLabel = "WHEN", converter = FlagValues.Deadlines.class,
				description = "also print the latest safe switch time of --mode auto for this deadline")
		@Property("imagebatch.batch.deadline")
		@Nullable String deadline;

		@Mixin
		DatabaseFlags database;

		@Override
		boolean readsCatalog() {
			return true;
		}

	}

	@Command(name = STATUS, description = "list recent runs: status, products done/pending/skipped, cost")
	static final class Status extends ProfiledFlags {

		@Option(names = "--limit", paramLabel = "N", converter = FlagValues.PositiveInt.class,
				description = "how many runs to list")
		int limit = 10;

		@Mixin
		DatabaseFlags database;

	}

	@Command(name = RECOVER,
			description = "mark a run a killed process left STARTED as FAILED, so the same run command continues it")
	static final class Recover extends ProfiledFlags {

		@Option(names = "--execution", paramLabel = "ID", converter = FlagValues.PositiveLong.class,
				description = "the execution to recover (none: every one marked running)")
		@Nullable Long execution;

		@Option(names = "--force", arity = "0", showDefaultValue = Visibility.ALWAYS,
				description = "recover even if the execution still has a heartbeat")
		boolean force;

		@Mixin
		DatabaseFlags database;

	}

	@Command(name = REPORT, description = "render report.csv, summary.csv, report.html and rejected.csv of a past run "
			+ "again from the database")
	static final class Report extends ProfiledFlags {

		@Option(names = "--execution", paramLabel = "ID", converter = FlagValues.PositiveLong.class,
				description = "a job execution id (as printed by run and status); its whole run is reported")
		@Nullable Long execution;

		@Option(names = "--run-id", paramLabel = "ID", description = "the newest run started with this --run-id")
		@Nullable String runId;

		@Option(names = "--output", paramLabel = "DIR",
				description = "output folder of that run: images are read and reports written there")
		@Property("imagebatch.output.dir")
		@Nullable Path output;

		@Mixin
		DatabaseFlags database;

		@Override
		void check() {
			if ((this.execution == null) == (this.runId == null)) {
				throw new UsageException("report needs exactly one of --execution ID or --run-id ID");
			}
		}

	}

	@Command(name = COMPLETION, description = "print the bash (and zsh) completion script of these commands and flags")
	static final class Completion extends Flags {
	}

	@Command(name = HELP, description = "show the help of a command, or this list")
	static final class Help extends Flags {

		@Parameters(arity = "0..1", paramLabel = "COMMAND", description = "the command")
		@Nullable String command;

	}

}
