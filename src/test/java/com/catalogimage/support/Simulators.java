package com.catalogimage.support;

import java.util.Map;

import com.catalogimage.simulator.SimulatorProperties;
import com.catalogimage.simulator.SimulatorServer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Starts simulators for tests with properties given as the application would read them. */
public final class Simulators {

	private Simulators() {
	}

	/** e.g. {@code start(Map.of("time-scale", "0.01"))}; keys are relative to {@code imagebatch.simulator}. */
	public static SimulatorServer start(Map<String, String> properties) {
		return SimulatorServer.start(properties(properties));
	}

	public static SimulatorProperties properties(Map<String, String> properties) {
		MapConfigurationPropertySource source = new MapConfigurationPropertySource();
		properties.forEach((key, value) -> source.put("imagebatch.simulator." + key, value));
		return new Binder(source).bindOrCreate("imagebatch.simulator", SimulatorProperties.class);
	}

}
