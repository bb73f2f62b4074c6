package com.catalogimage.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The jar's command line, run in-process: how the benchmark launches the job exactly as a user does (the {@code run}
 * command, its context, its exit code) without depending on the command-line package.
 */
@FunctionalInterface
public interface JobCommand {

	/**
	 * @param args the command line, e.g. {@code run --input ...}
	 * @param properties configuration properties on top of the flags
	 * @return the exit code
	 */
	int run(List<String> args, Map<String, String> properties, PrintStream out, PrintStream err);

}
