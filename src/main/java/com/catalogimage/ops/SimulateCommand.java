package com.catalogimage.ops;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.Map;

import com.catalogimage.simulator.SimulatorProperties;
import com.catalogimage.simulator.SimulatorServer;

/**
 * {@code simulate}: serves the provider simulator on loopback until the process is stopped (SIGTERM, Ctrl-C) or the
 * calling thread is interrupted, so other programs and a second run can use it. It starts no application context and
 * opens no database: the settings are bound from flags, the profile and application.yml directly.
 */
final class SimulateCommand {

	private SimulateCommand() {
	}

	static int run(Invocation invocation, PrintStream out, PrintStream err) {
		Invocation effective = invocation;
		String keyVariable = invocation.flags(SimulateFlags.class).apiKeyEnv;
		if (keyVariable != null) {
			String key = System.getenv(keyVariable);
			if (key == null || key.isBlank()) {
				err.println("error: the environment variable " + keyVariable + " is not set");
				return ExitCodes.USAGE;
			}
			effective = invocation.withOverrides(Map.of("imagebatch.simulator.api-key", key.trim()));
		}
		SimulatorProperties properties;
		try {
			properties = ConfigPreview.of(effective).simulator();
		}
		catch (RuntimeException ex) {
			err.println("error: " + FailureMessages.rootMessage(ex));
			return ExitCodes.USAGE;
		}
		return ServeUntilStopped.serve(() -> {
			SimulatorServer simulator;
			try {
				simulator = SimulatorServer.start(properties);
			}
			catch (UncheckedIOException | IllegalArgumentException ex) {
				throw new UsageException(cannotListen(properties.port(), ex));
			}
			return new ServeUntilStopped.Served("Simulator listening on " + simulator.baseUrl()
					+ " (Gemini: POST /v1beta/models/{model}:generateContent, OpenAI: POST /v1/images/generations, "
					+ "both Batch APIs; GET /_sim/stats, POST /_sim/reset). Stop it with Ctrl-C.", simulator::close);
		}, "simulator-shutdown", out, err);
	}

	/** One line for a port the simulator cannot listen on: taken, or not a port (a profile can set any number). */
	static String cannotListen(int port, Exception ex) {
		boolean taken = FailureMessages.causeChain(ex).stream().anyMatch(BindException.class::isInstance);
		return "cannot serve the simulator on 127.0.0.1:" + port + ": "
				+ (taken ? "the port is in use" : FailureMessages.rootMessage(ex))
				+ "; choose another --port (0 picks a free one)";
	}

}
