package com.catalogimage.ops;

import java.io.PrintStream;

import com.catalogimage.provider.ApiKeys;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.remote.RemoteWorker;

/**
 * {@code worker}: takes slots of remote runs from the broker until stopped. Exits 0 after a stop (SIGTERM, Ctrl-C:
 * see {@link GracefulShutdown}), 64 when it refused a run it is not configured for.
 */
class WorkerOperation implements Operation {

	private final RemoteWorker worker;

	private final ProviderProperties provider;

	private final ApiKeys apiKeys;

	WorkerOperation(RemoteWorker worker, ProviderProperties provider, ApiKeys apiKeys) {
		this.worker = worker;
		this.provider = provider;
		this.apiKeys = apiKeys;
	}

	@Override
	public String command() {
		return Commands.WORKER;
	}

	@Override
	public int execute(Invocation invocation, PrintStream out, PrintStream err) throws Exception {
		// as run checks it: a worker without its key would fail every call, and with it the run
		if (!this.provider.isSimulator() && this.apiKeys.key() == null) {
			err.println("error: the environment variable " + this.apiKeys.environmentVariable()
					+ " holding the API key is not set (needed for --provider " + this.provider.name() + ")");
			return ExitCodes.USAGE;
		}
		return this.worker.serve(out, err);
	}

}
