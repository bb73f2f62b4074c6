package com.catalogimage.bench;

import com.catalogimage.simulator.SimulatorProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchSettingsTests {

	@Test
	void theBenchsSimulatorRendersTheSmallPayloadOnceUnlessAskedToRenderPerRequest() {
		// given
		BenchSettings defaults = BenchSettings.defaults();
		BenchSettings perRequest = withRenderPerRequest(defaults, "small");
		// then the simulator the bench starts renders as asked, and the header line says so
		assertThat(Benchmark.simulatorProperties(defaults).render()).isEqualTo(SimulatorProperties.RENDER_ONCE);
		assertThat(defaults.describe()).contains("payload=small render=once");
		assertThat(Benchmark.simulatorProperties(perRequest).render())
			.isEqualTo(SimulatorProperties.RENDER_PER_REQUEST);
		assertThat(perRequest.describe()).contains("payload=small render=per-request");
		// realistic bodies are rendered once whatever is asked
		assertThat(withRenderPerRequest(defaults, "realistic").describe()).contains("payload=realistic render=once");
	}

	private static BenchSettings withRenderPerRequest(BenchSettings settings, String payload) {
		return new BenchSettings(settings.items(), settings.concurrency(), settings.rpm(), settings.serverRpm(),
				settings.latencyMedianMs(), settings.latencySigma(), payload, true, settings.size(),
				settings.designs(), settings.runs(), settings.chunkSize(), settings.warmUp(), settings.simulatorUrl());
	}

}
