package com.catalogimage.ops;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import com.catalogimage.bench.BenchSettings;
import com.catalogimage.bench.Benchmark;
import com.catalogimage.bench.Design;
import com.catalogimage.bench.JobCommand;

/**
 * {@code bench}: runs the benchmark (docs/BENCHMARKS.md). Dispatched before Spring starts, like {@code simulate}:
 * each of its runs is the {@code run} command in-process, with its own context and database.
 */
final class BenchCommand {

	private BenchCommand() {
	}

	static int run(Invocation invocation, PrintStream out, PrintStream err) {
		BenchSettings settings = settings(invocation);
		Map<String, String> extra = invocation.properties();
		JobCommand job = (args, properties, jobOut, jobErr) -> {
			Map<String, String> all = new LinkedHashMap<>(extra);
			all.putAll(properties);
			return CommandLineInterface.run(args.toArray(String[]::new), jobOut, jobErr, all);
		};
		try {
			return new Benchmark(settings, job, out).run() == 0 ? ExitCodes.COMPLETED : ExitCodes.FAILED;
		}
		catch (IOException | RuntimeException ex) {
			err.println("error: " + FailureMessages.rootMessage(ex));
			return ExitCodes.FAILED;
		}
	}

	static BenchSettings settings(Invocation invocation) {
		BenchSettings defaults = BenchSettings.defaults();
		return new BenchSettings(value(invocation, "--items", Integer::parseInt, defaults.items()),
				value(invocation, "--concurrency", Integer::parseInt, defaults.concurrency()),
				value(invocation, "--rpm", Integer::parseInt, defaults.rpm()),
				value(invocation, "--server-rpm", Integer::parseInt, defaults.serverRpm()),
				value(invocation, "--latency-median-ms", Integer::parseInt, defaults.latencyMedianMs()),
				value(invocation, "--latency-sigma", Double::parseDouble, defaults.latencySigma()),
				value(invocation, "--payload", Function.identity(), defaults.payload()),
				value(invocation, "--size", Function.identity(), defaults.size()),
				value(invocation, "--design", Design::parse, defaults.designs()),
				value(invocation, "--runs", Integer::parseInt, defaults.runs()),
				value(invocation, "--chunk-size", Integer::parseInt, defaults.chunkSize()),
				value(invocation, "--warm-up", Integer::parseInt, defaults.warmUp()),
				invocation.value("--simulator-url"));
	}

	private static <T> T value(Invocation invocation, String flag, Function<String, T> parse, T otherwise) {
		String value = invocation.value(flag);
		return value == null ? otherwise : parse.apply(value);
	}

}
