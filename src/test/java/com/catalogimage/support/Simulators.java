package com.catalogimage.support;

import java.util.HashMap;
import java.util.Map;

import com.catalogimage.simulator.SimulatorProperties;
import com.catalogimage.simulator.SimulatorServer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Starts simulators configured with the very property names users write ({@code server-rpm},
 * {@code faults.rate-429}, ...), bound the way Spring binds them, with latencies scaled to almost nothing unless a
 * {@code time-scale} is given.
 */
public final class Simulators {

	private Simulators() {
	}

	/** @param settings pairs of property (under {@code imagebatch.simulator.}) and value */
	public static SimulatorServer start(String... settings) {
		return SimulatorServer.start(properties(settings));
	}

	/** e.g. {@code start(Map.of("time-scale", "0.01"))}; keys are relative to {@code imagebatch.simulator}. */
	public static SimulatorServer start(Map<String, String> settings) {
		return SimulatorServer.start(properties(settings));
	}

	public static SimulatorProperties properties(String... settings) {
		Map<String, String> map = new HashMap<>();
		for (int i = 0; i + 1 < settings.length; i += 2) {
			map.put(settings[i], settings[i + 1]);
		}
		return properties(map);
	}

	public static SimulatorProperties properties(Map<String, String> settings) {
		Map<String, String> map = new HashMap<>();
		map.put("imagebatch.simulator.time-scale", "0.001");
		settings.forEach((key, value) -> map.put("imagebatch.simulator." + key, value));
		return new Binder(new MapConfigurationPropertySource(map)).bindOrCreate("imagebatch.simulator",
				SimulatorProperties.class);
	}

}
