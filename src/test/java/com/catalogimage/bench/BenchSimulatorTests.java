package com.catalogimage.bench;

import java.time.Duration;
import java.util.Map;

import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.support.RawHttp;
import com.catalogimage.support.Simulators;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchSimulatorTests {

	private static final long LATENCY_NANOS = Duration.ofMillis(200).toNanos();

	@Test
	void tellsEachPromptsLastServiceTimeInProcessAndOverLoopback() throws Exception {
		// given a simulator whose every generation takes 200 ms
		try (SimulatorServer server = Simulators.start("time-scale", "1", "latency-median", "200ms", "latency-sigma",
				"0")) {
			// when "a" is generated, and "b" first asked of a model that does not exist (answered at once), then
			// generated
			assertThat(post(server, "gemini-2.5-flash-image", "a")).isEqualTo(200);
			assertThat(post(server, "no-such-model", "b")).isEqualTo(404);
			assertThat(post(server, "gemini-2.5-flash-image", "b")).isEqualTo(200);
			BenchSimulator inProcess = BenchSimulator.inProcess(server);
			BenchSimulator remote = BenchSimulator.remote(server.baseUrl() + "/");
			// then the delivering call's time is told for each prompt, the same both ways
			Map<String, Long> nanos = inProcess.serviceNanosByPrompt();
			assertThat(nanos).containsOnlyKeys("a", "b");
			assertThat(nanos.get("a")).isGreaterThanOrEqualTo(LATENCY_NANOS);
			assertThat(nanos.get("b")).as("the last request's, not the 404's").isGreaterThanOrEqualTo(LATENCY_NANOS);
			assertThat(remote.serviceNanosByPrompt()).isEqualTo(nanos);
			// and a reset forgets them
			remote.reset();
			assertThat(inProcess.serviceNanosByPrompt()).isEmpty();
		}
	}

	private static int post(SimulatorServer server, String model, String prompt) throws Exception {
		return RawHttp
			.post(server.baseUrl() + "/v1beta/models/" + model + ":generateContent",
					"{\"contents\":[{\"parts\":[{\"text\":\"" + prompt + "\"}]}]}", Map.of())
			.statusCode();
	}

}
