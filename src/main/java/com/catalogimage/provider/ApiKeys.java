package com.catalogimage.provider;

import com.catalogimage.simulator.SimulatorProperties;
import org.jspecify.annotations.Nullable;

/**
 * Where the API key comes from: only ever an environment variable whose name is configured (the key itself never
 * sits in a file, a flag or a log). The simulator needs no key unless a test configures one.
 */
public final class ApiKeys {

	private final ProviderProperties provider;

	private final SimulatorProperties simulator;

	ApiKeys(ProviderProperties provider, SimulatorProperties simulator) {
		this.provider = provider;
		this.simulator = simulator;
	}

	/** The environment variable holding the key for the configured provider, or null for the simulator. */
	public @Nullable String environmentVariable() {
		if (this.provider.isSimulator()) {
			return null;
		}
		boolean openai = "openai".equals(this.provider.name());
		return openai ? this.provider.openai().apiKeyEnv() : this.provider.gemini().apiKeyEnv();
	}

	public @Nullable String key() {
		if (this.provider.isSimulator()) {
			return this.simulator.clientKey();
		}
		String variable = environmentVariable();
		String value = variable == null ? null : System.getenv(variable);
		return value == null || value.isBlank() ? null : value.trim();
	}

}
