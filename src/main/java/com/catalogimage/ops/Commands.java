package com.catalogimage.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.catalogimage.bench.Design;
import com.catalogimage.provider.AspectRatio;
import com.catalogimage.provider.ImageSize;
import org.springframework.boot.convert.DurationStyle;

/** The jar's commands and the flags each accepts. */
final class Commands {

	/**
	 * @param readsCatalog whether the command needs the catalog file (checked before Spring starts)
	 * @param check validates the flags together (flag to value), throwing {@link UsageException}; runs before Spring
	 * starts
	 */
	record Command(String name, String summary, List<Option> options, boolean readsCatalog,
			Consumer<Map<String, String>> check) {

		Command(String name, String summary, List<Option> options, boolean readsCatalog) {
			this(name, summary, options, readsCatalog, values -> {
			});
		}

		Optional<Option> option(String flag) {
			return this.options.stream().filter(option -> option.flag().equals(flag)).findFirst();
		}

	}

	static final Option PROFILE = Option.value("--profile", null, "NAME|FILE",
			"job profile: jobs/NAME.yml or a YAML file, in the current folder or the application's (flags override it)");

	static final Option RUN_ID = Option.value("--run-id", null, "ID",
			"part of the job identity: a new id starts a fresh instance (e.g. the date)");

	static final Option HELP = Option.flagOnly("--help", null, "show this help");

	static final Option DB_URL = Option.value("--db-url", "spring.datasource.url", "JDBC-URL",
			"job repository database (default: H2 file under data/)");

	static final Option DB_USER = Option.value("--db-user", "spring.datasource.username", "USER",
			"database user; the password comes from the environment variable CATALOG_DB_PASSWORD");

	static final Option OUTPUT = Option.value("--output", "imagebatch.output.dir", "DIR",
			"output folder (default output)");

	static final Option EXECUTION = Option.positiveLong("--execution", "ID",
			"a job execution id (as printed by run and status); its whole run is reported");

	private static final List<Option> JOB_OPTIONS = List.of(
			Option.value("--input", "imagebatch.catalog.input", "FILE",
					"products CSV (default jobs/sample-catalog/products.csv)"),
			OUTPUT,
			Option.choice("--provider", "imagebatch.provider.name", "NAME",
					"simulator (default, built in), gemini or openai (OpenAI images API or a compatible relay)",
					List.of("simulator", "gemini", "openai")),
			Option.value("--base-url", "imagebatch.provider.base-url", "URL",
					"the provider's base URL (a relay, say); default: the provider's own"),
			Option.value("--model", "imagebatch.provider.model", "NAME",
					"model id (default gemini-3.1-flash-image-preview)"),
			Option.choice("--size", "imagebatch.provider.size", "SIZE",
					"default image size: " + ImageSize.allowedValues(),
					java.util.Arrays.stream(ImageSize.values()).map(ImageSize::wire).toList()),
			Option.choice("--aspect-ratio", "imagebatch.provider.aspect-ratio", "W:H",
					"default aspect ratio, e.g. 1:1 or 16:9", AspectRatio.ALL),
			Option.positiveInt("--concurrency", "imagebatch.generation.concurrency",
					"calls in flight at most = partition workers (default 8)"),
			Option.positiveInt("--rpm", "imagebatch.generation.rpm",
					"requests per minute, retries included (default 600)"),
			Option.positiveInt("--burst", "imagebatch.generation.burst",
					"permits handed out together (default rpm/60, i.e. a refresh every second)"),
			Option.positiveInt("--chunk-size", "imagebatch.generation.chunk-size",
					"products per worker transaction (default 1)"),
			Option.positiveInt("--max-attempts", "imagebatch.generation.max-attempts",
					"attempts per product, first call included (default 5)"),
			Option.positiveInt("--skip-limit", "imagebatch.generation.skip-limit",
					"skipped products before the job fails (default 5 % of the catalog, at least 10)"),
			Option.positiveInt("--rpd", "imagebatch.generation.rpd",
					"requests per day for this provider and model, across runs; the run stops when spent"),
			Option.positiveDecimal("--max-cost", "imagebatch.generation.max-cost", "USD",
					"cost budget of the run; it stops before a call would exceed it"),
			Option.choice("--adaptive-rate", "imagebatch.generation.adaptive-rate", "true|false",
					"slow down after a 429 and speed up again while calls succeed (default true)",
					List.of("true", "false")),
			Option.flagOnly("--force", "imagebatch.catalog.force",
					"regenerate every product, even those whose image is current"),
			Option.value("--only", "imagebatch.catalog.only", "SKU,...", "regenerate just these products"),
			Option.flagOnly("--prune", "imagebatch.catalog.prune",
					"delete the images of products no longer in the catalog"),
			Option.flagOnly("--recover", null,
					"if a killed run left this run marked STARTED, recover it first, then continue"),
			RUN_ID, PROFILE, DB_URL, DB_USER, HELP);

	static final Command RUN = new Command("run",
			"generate the images of a catalog (continues the same instance after a failure)", JOB_OPTIONS, true);

	private static final List<Option> DATABASE_OPTIONS = List.of(DB_URL, DB_USER, PROFILE);

	static final Command STATUS = new Command("status", "list recent runs: status, products done/pending/skipped, cost",
			concat(List.of(Option.positiveInt("--limit", null, "how many executions to list (default 10)")),
					DATABASE_OPTIONS),
			false);

	static final Command RECOVER = new Command("recover",
			"mark a run a killed process left STARTED as FAILED, so the same run command continues it",
			concat(List.of(Option.value("--execution", null, "ID", "the execution to recover (default: all marked running)"),
					Option.flagOnly("--force", null, "recover even if the execution still has a heartbeat")),
					DATABASE_OPTIONS),
			false);

	static final Command ESTIMATE = new Command("estimate",
			"count what a run would generate and estimate its cost and duration; no API call, nothing kept",
			JOB_OPTIONS.stream().filter(option -> !List.of("--run-id", "--recover").contains(option.flag())).toList(),
			true);

	static final Command REPORT = new Command("report",
			"render report.csv, summary.csv, report.html and rejected.csv of a past run again from the database",
			concat(List.of(EXECUTION, RUN_ID.withHelp("the newest run started with this --run-id"),
					OUTPUT.withHelp("output folder of that run: images are read and reports written there (default output)")),
					DATABASE_OPTIONS),
			false, Commands::oneRunSelector);

	/** Reads the key the standalone simulator demands from an environment variable, never from a flag. */
	static final Option SIMULATOR_KEY_ENV = Option.value("--api-key-env", null, "VAR",
			"require the API key held in this environment variable (default: no key needed)");

	private static final List<Option> SIMULATE_OPTIONS = List.of(
			Option.port("--port", "imagebatch.simulator.port", "port on 127.0.0.1 (0 picks a free one)"),
			Option.nonNegativeInt("--server-rpm", "imagebatch.simulator.server-rpm",
					"requests per sliding minute before 429, in real time (0 = no limit)"),
			Option.nonNegativeInt("--rpd", "imagebatch.simulator.server-rpd",
					"requests in all before the daily-quota 429 (0 = no limit)"),
			Option.decimal("--time-scale", "imagebatch.simulator.time-scale", "X",
					"factor on the providers' latencies (1 = real time; default 0.03)", 0, 1000),
			Option.choice("--payload", "imagebatch.simulator.payload", "P",
					"small (default) or realistic (bodies of real size)", List.of("small", "realistic")),
			Option.nonNegativeInt("--seed", "imagebatch.simulator.seed", "seed of the latency and fault dice"),
			Option.decimal("--fault-429", "imagebatch.simulator.faults.rate-429", "P", "share of requests answered 429",
					0, 1),
			Option.decimal("--fault-500", "imagebatch.simulator.faults.rate-500", "P", "share answered 500", 0, 1),
			Option.decimal("--fault-503", "imagebatch.simulator.faults.rate-503", "P", "share answered 503 overloaded",
					0, 1),
			Option.decimal("--fault-timeout", "imagebatch.simulator.faults.rate-timeout", "P",
					"share held open without an answer", 0, 1),
			Option.decimal("--fault-truncated", "imagebatch.simulator.faults.rate-truncated", "P",
					"share whose body is cut off midway", 0, 1),
			Option.decimal("--fault-malformed", "imagebatch.simulator.faults.rate-malformed", "P",
					"share answered with invalid JSON", 0, 1),
			Option.decimal("--fault-no-image", "imagebatch.simulator.faults.rate-no-image", "P",
					"share answered 200 without an image", 0, 1),
			Option.value("--block-word", "imagebatch.simulator.faults.block-word", "WORD",
					"prompts containing it get a safety block"),
			Option.value("--blank-word", "imagebatch.simulator.faults.blank-word", "WORD",
					"prompts containing it get a blank image"),
			Option.nonNegativeInt("--systemic-after", "imagebatch.simulator.faults.systemic-after",
					"after N requests every request fails with --systemic-status"),
			Option.choice("--systemic-status", "imagebatch.simulator.faults.systemic-status", "S",
					"401 (default), 403, 404 or key-invalid", List.of("401", "403", "404", "key-invalid")),
			new Option("--batch-delay", "imagebatch.simulator.batch.delay", "DURATION",
					"simulated time a batch takes, PENDING then RUNNING (default 10m), scaled by --time-scale",
					Commands::duration),
			Option.nonNegativeInt("--batch-inline-below", "imagebatch.simulator.batch.inline-below",
					"Gemini file batches of fewer requests answer inline (default 0 = never)"),
			Option.value("--batch-unsupported-model", "imagebatch.simulator.batch.unsupported-models", "MODEL,...",
					"models not offered for batch"),
			Option.decimal("--fault-batch-stuck", "imagebatch.simulator.batch.stuck", "P",
					"share of batches stuck in PENDING until they expire", 0, 1),
			Option.decimal("--fault-batch-expire", "imagebatch.simulator.batch.expire", "P",
					"share of batches that expire half done (Gemini returns nothing, OpenAI what it did)", 0, 1),
			Option.decimal("--fault-batch-partial-failure", "imagebatch.simulator.batch.partial-failure", "P",
					"share of batch lines that fail", 0, 1),
			Option.decimal("--fault-batch-duplicates", "imagebatch.simulator.batch.duplicates", "P",
					"share of delivered keys with a second, billed output line", 0, 1),
			Option.decimal("--fault-batch-cancel-race", "imagebatch.simulator.batch.cancel-race", "P",
					"share of cancels of a running batch that lose the race: it still succeeds", 0, 1),
			Option.decimal("--fault-batch-quota", "imagebatch.simulator.batch.quota", "P",
					"share of batch creates over the enqueued-token quota", 0, 1),
			SIMULATOR_KEY_ENV, PROFILE, HELP);

	static final Command SIMULATE = new Command("simulate",
			"serve the provider simulator (Gemini and OpenAI wire formats) on 127.0.0.1 until stopped",
			SIMULATE_OPTIONS, false);

	/** The benchmark's flags are read by the command itself: each run gets its own configuration. */
	private static final List<Option> BENCH_OPTIONS = List.of(
			Option.positiveInt("--items", null, "products in the generated catalog (default 2000)"),
			Option.positiveInt("--concurrency", null, "calls in flight = partition workers (default 32)"),
			Option.positiveInt("--rpm", null, "the job's requests per minute (default 1000000, i.e. not binding)"),
			Option.nonNegativeInt("--server-rpm", null,
					"the simulator's own requests per sliding minute before it answers 429 (default 0 = none)"),
			Option.positiveInt("--latency-median-ms", null, "median simulated service time, every size (default 200)"),
			Option.decimal("--latency-sigma", null, "S", "sigma of the lognormal service time (default 0.5)", 0, 3),
			Option.choice("--payload", null, "P", "small (default) or realistic (bodies of real size)",
					List.of("small", "realistic")),
			Option.choice("--size", null, "SIZE", "image size asked for (default 1K): " + ImageSize.allowedValues(),
					java.util.Arrays.stream(ImageSize.values()).map(ImageSize::wire).toList()),
			Option.choice("--design", null, "D",
					"generate step: shared-feed (default, the job as shipped), concurrent-chunk, fixed-ranges or all",
					Design.choices()),
			Option.positiveInt("--runs", null, "rounds of every design; medians are reported (default 3)"),
			Option.positiveInt("--chunk-size", null, "products per worker transaction of the shared feed (default 1)"),
			Option.nonNegativeInt("--warm-up", null,
					"products per design in the uncounted compiler warm-up (default 1000; 0 for none)"),
			Option.value("--simulator-url", null, "URL",
					"measure against a running 'simulate' process, not one in this JVM (its settings apply)"),
			HELP);

	static final Command BENCH = new Command("bench",
			"benchmark the job against the simulator: share of the theoretical limit, peak heap and RSS, baselines",
			BENCH_OPTIONS, false);

	static final Map<String, Command> ALL = new LinkedHashMap<>();

	static {
		for (Command command : List.of(RUN, ESTIMATE, STATUS, RECOVER, REPORT, SIMULATE, BENCH)) {
			ALL.put(command.name(), command);
		}
	}

	private Commands() {
	}

	/** The flag's value read as Spring reads a Duration property ({@code 10m}, {@code 90s}, {@code PT1H}). */
	private static void duration(String value) {
		try {
			if (!DurationStyle.detectAndParse(value).isNegative()) {
				return;
			}
		}
		catch (IllegalArgumentException ex) {
			// not a duration: the same answer as a negative one
		}
		throw new UsageException("--batch-delay needs a duration such as 10m or 90s, not '" + value + "'");
	}

	private static void oneRunSelector(Map<String, String> values) {
		boolean execution = values.containsKey(EXECUTION.flag());
		boolean runId = values.containsKey(RUN_ID.flag());
		if (execution == runId) {
			throw new UsageException("report needs exactly one of --execution ID or --run-id ID");
		}
	}

	private static List<Option> concat(List<Option> first, List<Option> second) {
		List<Option> all = new ArrayList<>(first);
		all.addAll(second);
		all.add(HELP);
		return List.copyOf(all);
	}

	static String help() {
		StringBuilder out = new StringBuilder();
		out.append("usage: java -jar catalog-image-batch.jar <command> [options]\n\ncommands:\n");
		ALL.values().forEach(command -> out.append("  %-10s %s%n".formatted(command.name(), command.summary())));
		out.append("\n'<command> --help' lists a command's options.\n");
		return out.toString();
	}

	static String help(Command command) {
		StringBuilder out = new StringBuilder();
		out.append("usage: java -jar catalog-image-batch.jar ").append(command.name()).append(" [options]\n\n");
		out.append(command.summary()).append("\n\noptions:\n");
		List<String> lines = new ArrayList<>();
		for (Option option : command.options()) {
			String left = option.takesValue() ? option.flag() + " " + option.valueName() : option.flag();
			lines.add("  %-26s %s".formatted(left, option.help()));
		}
		out.append(String.join("\n", lines)).append('\n');
		return out.toString();
	}

}
