package com.catalogimage.ops;

import java.util.List;

import com.catalogimage.bench.BenchSettings;
import com.catalogimage.bench.Design;
import com.catalogimage.bench.RemoteBenchSettings;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * The flags of {@code bench}. They set no configuration property: each benchmark run gets its own configuration, so
 * the defaults are {@link BenchSettings#defaults()}, which the help shows.
 */
@Command(name = Commands.BENCH, description = "benchmark the job against the simulator: share of the theoretical "
		+ "limit, peak heap and RSS, baselines")
final class BenchFlags extends Commands.Flags {

	private static final BenchSettings DEFAULTS = BenchSettings.defaults();

	@Option(names = "--items", paramLabel = "N", converter = FlagValues.PositiveInt.class,
			description = "products in the generated catalog")
	int items = DEFAULTS.items();

	@Option(names = "--concurrency", paramLabel = "N", converter = FlagValues.PositiveInt.class,
			description = "calls in flight = partition workers")
	int concurrency = DEFAULTS.concurrency();

	@Option(names = "--rpm", paramLabel = "N", converter = FlagValues.PositiveInt.class,
			description = "the job's requests per minute (the default is not binding)")
	int rpm = DEFAULTS.rpm();

	@Option(names = "--server-rpm", paramLabel = "N", converter = FlagValues.NonNegativeInt.class,
			description = "the simulator's own requests per sliding minute before it answers 429 (0 = none)")
	int serverRpm = DEFAULTS.serverRpm();

	@Option(names = "--latency-median-ms", paramLabel = "N", converter = FlagValues.PositiveInt.class,
			description = "median simulated service time, every size")
	int latencyMedianMs = DEFAULTS.latencyMedianMs();

	@Option(names = "--latency-sigma", paramLabel = "S", converter = FlagValues.Sigma.class,
			description = "sigma of the lognormal service time")
	double latencySigma = DEFAULTS.latencySigma();

	@Option(names = "--payload", paramLabel = "P", converter = FlagValues.Payloads.class,
			completionCandidates = FlagValues.Payloads.class, description = "small or realistic (bodies of real size)")
	String payload = DEFAULTS.payload();

	@Option(names = "--render-per-request", arity = "0", showDefaultValue = Visibility.ALWAYS,
			description = "the simulator renders and encodes a new small image per request, as run and simulate do "
					+ "(~2 ms CPU per 1K image, taken from the job's cores); by default it renders one per format and "
					+ "size and serves it from memory")
	boolean renderPerRequest = DEFAULTS.renderPerRequest();

	@Option(names = "--size", paramLabel = "SIZE", converter = FlagValues.Sizes.class,
			completionCandidates = FlagValues.Sizes.class, description = "image size asked for: ${COMPLETION-CANDIDATES}")
	String size = DEFAULTS.size();

	@Option(names = "--design", paramLabel = "D", converter = FlagValues.Designs.class,
			completionCandidates = FlagValues.Designs.class, description = "generate step: shared-feed (the job as "
					+ "shipped), concurrent-chunk, fixed-ranges, plain-pool (the floor: no job around the calls), "
					+ "several separated by commas, or all")
	String design = String.join(",", DEFAULTS.designs().stream().map(Design::label).toList());

	@Option(names = "--runs", paramLabel = "N", converter = FlagValues.PositiveInt.class,
			description = "rounds of every design; medians are reported")
	int runs = DEFAULTS.runs();

	@Option(names = "--chunk-size", paramLabel = "N", converter = FlagValues.PositiveInt.class,
			description = "products per worker transaction of the shared feed")
	int chunkSize = DEFAULTS.chunkSize();

	@Option(names = "--warm-up", paramLabel = "N", converter = FlagValues.NonNegativeInt.class,
			description = "products per design in the uncounted compiler warm-up (0 for none)")
	int warmUp = DEFAULTS.warmUp();

	@Option(names = "--simulator-url", paramLabel = "URL",
			description = "measure against a running 'simulate' process, not one in this JVM (its settings apply)")
	@Nullable String simulatorUrl = DEFAULTS.simulatorUrl();

	@Option(names = "--worker-jvms", paramLabel = "N", split = ",", converter = FlagValues.PositiveInt.class,
			description = "measure remote partitioning instead: per N, a remote run with N worker JVMs, each run on "
					+ "a fresh database created on the PostgreSQL server of the database URL")
	@Nullable List<Integer> workerJvms;

	@Option(names = "--db-url", paramLabel = "URL", description = "with worker JVMs: jdbc:postgresql://HOST:PORT/DB "
			+ "of a server where the user may CREATE DATABASE (the password comes from "
			+ RemoteBenchSettings.PASSWORD_VARIABLE + ")")
	@Nullable String dbUrl;

	@Option(names = "--db-user", paramLabel = "USER", description = "with worker JVMs: the database user")
	String dbUser = "postgres";

	@Override
	void check() {
		if (this.renderPerRequest && !"small".equals(this.payload)) {
			throw new UsageException("--render-per-request is for the small payload: realistic bodies are always "
					+ "rendered once");
		}
		if (this.workerJvms == null) {
			if (this.dbUrl != null) {
				throw new UsageException("--db-url is for bench --worker-jvms only");
			}
			return;
		}
		if (this.dbUrl == null) {
			throw new UsageException("bench --worker-jvms needs --db-url jdbc:postgresql://HOST:PORT/DB (a server "
					+ "where --db-user may CREATE DATABASE)");
		}
		remote();
	}

	/**
	 * The remote-workers benchmark's settings, or null for the single-JVM benchmark.
	 * @throws UsageException when the database is not a PostgreSQL server's
	 */
	@Nullable RemoteBenchSettings remote() {
		if (this.workerJvms == null || this.dbUrl == null) {
			return null;
		}
		try {
			return new RemoteBenchSettings(this.workerJvms, this.dbUrl, this.dbUser);
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException(ex.getMessage());
		}
	}

	/** What to measure. */
	BenchSettings settings() {
		return new BenchSettings(this.items, this.concurrency, this.rpm, this.serverRpm, this.latencyMedianMs,
				this.latencySigma, this.payload, this.renderPerRequest, this.size, Design.parse(this.design), this.runs,
				this.chunkSize, this.warmUp, this.simulatorUrl);
	}

}
