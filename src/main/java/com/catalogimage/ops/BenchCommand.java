package com.catalogimage.ops;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

import com.catalogimage.bench.BenchSettings;
import com.catalogimage.bench.Benchmark;
import com.catalogimage.bench.JobCommand;

/**
 * {@code bench}: runs the benchmark (docs/BENCHMARKS.md). Dispatched before Spring starts, like {@code simulate}:
 * each of its runs is the {@code run} command in-process, with its own context and database.
 */
final class BenchCommand {

	private BenchCommand() {
	}

	static int run(Invocation invocation, PrintStream out, PrintStream err) {
		BenchSettings settings = invocation.flags(BenchFlags.class).settings();
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

}
