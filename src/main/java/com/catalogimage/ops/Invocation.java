package com.catalogimage.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A parsed command line: the command, the flag values, and the configuration properties they set.
 *
 * @param properties Spring property name to value, from flags
 * @param values flag to value, for flags a command reads itself (e.g. {@code --run-id})
 * @param profileFile the job profile to load, or null
 */
record Invocation(String command, Map<String, String> properties, Map<String, String> values,
		@Nullable String profileFile, boolean help) {

	/** Arguments for SpringApplication: flags as {@code --property=value} plus the profile location. */
	List<String> springArguments() {
		List<String> args = new ArrayList<>();
		if (this.profileFile != null) {
			args.add("--spring.config.additional-location=file:" + this.profileFile);
		}
		this.properties.forEach((property, value) -> args.add("--" + property + "=" + value));
		return args;
	}

	@Nullable String value(String flag) {
		return this.values.get(flag);
	}

	boolean has(String flag) {
		return this.values.containsKey(flag);
	}

	Invocation withOverrides(Map<String, String> overrides) {
		Map<String, String> merged = new LinkedHashMap<>(this.properties);
		merged.putAll(overrides);
		return new Invocation(this.command, merged, this.values, this.profileFile, this.help);
	}

	static Invocation help(String command) {
		return new Invocation(command, new LinkedHashMap<>(), new LinkedHashMap<>(), null, true);
	}

}
