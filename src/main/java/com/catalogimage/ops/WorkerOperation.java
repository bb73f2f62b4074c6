package com.catalogimage.ops;

import java.io.PrintStream;

import com.catalogimage.remote.RemoteWorker;

/**
 * {@code worker}: takes slots of remote runs from the broker until stopped. Exits 0 after a stop (SIGTERM, Ctrl-C:
 * see {@link GracefulShutdown}), 64 when it refused a run it is not configured for.
 */
class WorkerOperation implements Operation {

	private final RemoteWorker worker;

	WorkerOperation(RemoteWorker worker) {
		this.worker = worker;
	}

	@Override
	public String command() {
		return Commands.WORKER;
	}

	@Override
	public int execute(Invocation invocation, PrintStream out, PrintStream err) throws Exception {
		return this.worker.serve(out, err);
	}

}
