package com.catalogimage.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A command to run, as parsed: its flags (typed, for the flags a command reads itself, e.g. {@code --run-id}) and the
 * configuration properties the other flags set, which Spring receives as command-line properties.
 *
 * @param properties Spring property name to value, from flags (and overrides for embedding and tests)
 * @param profileFile the job profile to load, or null
 */
record Invocation(String command, Commands.Flags flags, Map<String, String> properties, @Nullable String profileFile)
		implements CommandLineParser.Request {

	/** Arguments for SpringApplication: flags as {@code --property=value} plus the profile location. */
	List<String> springArguments() {
		List<String> args = new ArrayList<>();
		if (this.profileFile != null) {
			args.add("--spring.config.additional-location=file:" + this.profileFile);
		}
		this.properties.forEach((property, value) -> args.add("--" + property + "=" + value));
		return args;
	}

	/** The flags of the command this invocation runs. */
	<T extends Commands.Flags> T flags(Class<T> command) {
		return command.cast(this.flags);
	}

	Invocation withOverrides(Map<String, String> overrides) {
		Map<String, String> merged = new LinkedHashMap<>(this.properties);
		merged.putAll(overrides);
		return new Invocation(this.command, this.flags, merged, this.profileFile);
	}

}
