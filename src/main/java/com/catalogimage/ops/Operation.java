package com.catalogimage.ops;

import java.io.PrintStream;

/** One command of the jar, run inside the application context; returns the process exit code. */
interface Operation {

	/** The command name this operation serves, e.g. {@code run}. */
	String command();

	int execute(Invocation invocation, PrintStream out, PrintStream err) throws Exception;

}
