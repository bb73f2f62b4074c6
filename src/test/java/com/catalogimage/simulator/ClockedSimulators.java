package com.catalogimage.simulator;

import java.time.Clock;

/**
 * Starts a simulator whose batches move on a clock the test drives, for tests outside this package (the clock-taking
 * start is package-private so that the application can never be given one).
 */
public final class ClockedSimulators {

	private ClockedSimulators() {
	}

	public static SimulatorServer start(SimulatorProperties properties, Clock clock) {
		return SimulatorServer.start(properties, clock);
	}

}
