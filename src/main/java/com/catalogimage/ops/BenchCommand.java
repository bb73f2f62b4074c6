package com.catalogimage.ops;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

import com.catalogimage.bench.BenchSettings;
import com.catalogimage.bench.Benchmark;
import com.catalogimage.bench.JobCommand;
import com.catalogimage.bench.RemoteBenchSettings;
import com.catalogimage.bench.RemoteBenchmark;

/**
 * {@code bench}: runs the benchmark (docs/BENCHMARKS.md). Dispatched before Spring starts, like {@code simulate}:
 * each of its runs is the {@code run} command in-process, with its own context and database.
 */
final class BenchCommand {

	private BenchCommand() {
	}

	static int run(Invocation invocation, PrintStream out, PrintStream err) {
		BenchFlags flags = invocation.flags(BenchFlags.class);
		BenchSettings settings = flags.settings();
		RemoteBenchSettings remote = flags.remote();
		Map<String, String> extra = invocation.properties();
		JobCommand job = (args, properties, jobOut, jobErr) -> {
			Map<String, String> all = new LinkedHashMap<>(extra);
			all.putAll(properties);
			return CommandLineInterface.run(args.toArray(String[]::new), jobOut, jobErr, all);
		};
		try {
			int failed = remote != null ? new RemoteBenchmark(settings, remote, job, out).run()
					: new Benchmark(settings, job, out).run();
			return failed == 0 ? ExitCodes.COMPLETED : ExitCodes.FAILED;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			err.println("error: interrupted");
			return ExitCodes.FAILED;
		}
		catch (IOException | RuntimeException ex) {
			err.println("error: " + FailureMessages.rootMessage(ex));
			return ExitCodes.FAILED;
		}
	}

}
