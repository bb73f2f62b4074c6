package com.catalogimage.support;

import java.util.HashMap;
import java.util.Map;

import com.catalogimage.simulator.SimulatorProperties;
import com.catalogimage.simulator.SimulatorServer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Starts simulators configured with the very property names users write ({@code server-rpm},
 * {@code faults.rate-429}, ...), bound the way Spring binds them, with latencies scaled to almost nothing.
 */
public final class Simulators {

	private Simulators() {
	}

	/** @param settings pairs of property (under {@code imagebatch.simulator.}) and value */
	public static SimulatorServer start(String... settings) {
		return SimulatorServer.start(properties(settings));
	}

	public static SimulatorProperties properties(String... settings) {
		Map<String, String> map = new HashMap<>();
		map.put("imagebatch.simulator.time-scale", "0.001");
		for (int i = 0; i + 1 < settings.length; i += 2) {
			map.put("imagebatch.simulator." + settings[i], settings[i + 1]);
		}
		return new Binder(new MapConfigurationPropertySource(map)).bindOrCreate("imagebatch.simulator",
				SimulatorProperties.class);
	}

}
