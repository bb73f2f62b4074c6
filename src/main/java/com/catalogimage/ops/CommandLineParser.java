package com.catalogimage.ops;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code <command> [--flag value | --flag=value ...]} strictly: an unknown command or flag, a missing or empty
 * value or a stray argument is a {@link UsageException} naming it.
 */
final class CommandLineParser {

	private CommandLineParser() {
	}

	static Invocation parse(String... args) {
		if (args.length == 0) {
			throw new UsageException("no command given; try --help");
		}
		if (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
			return Invocation.help("");
		}
		Commands.Command command = Commands.ALL.get(args[0]);
		if (command == null) {
			throw new UsageException("unknown command '" + args[0] + "'; commands: " + String.join(", ", Commands.ALL.keySet()));
		}
		Map<String, String> properties = new LinkedHashMap<>();
		Map<String, String> values = new LinkedHashMap<>();
		String profile = null;
		for (int i = 1; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				throw new UsageException("unexpected argument '" + arg + "'; options start with --");
			}
			String flag = arg;
			String value = null;
			int equals = arg.indexOf('=');
			if (equals > 0) {
				flag = arg.substring(0, equals);
				value = arg.substring(equals + 1);
			}
			String name = flag;
			Option option = command.option(flag)
				.orElseThrow(() -> new UsageException("unknown option " + name + " for '" + command.name() + "' (see "
						+ command.name() + " --help)"));
			if (option == Commands.HELP) {
				return Invocation.help(command.name());
			}
			if (option.takesValue() && value == null) {
				if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
					throw new UsageException(flag + " needs a value (" + option.valueName() + ")");
				}
				value = args[++i];
			}
			if (!option.takesValue()) {
				if (value != null) {
					throw new UsageException(flag + " takes no value");
				}
				value = "true";
			}
			if (option.takesValue() && value.isBlank()) {
				// an empty value would otherwise fall back to the default silently: a script whose variable came out
				// empty would run the sample catalog, say, instead of failing
				throw new UsageException(flag + " needs a value (" + option.valueName() + "), not an empty string");
			}
			option.check().accept(value);
			values.put(flag, value);
			if (option.property() != null) {
				properties.put(option.property(), value);
			}
			if (option == Commands.PROFILE) {
				profile = profileFile(value);
			}
		}
		command.check().accept(values);
		return new Invocation(command.name(), properties, values, profile, false);
	}

	private static String profileFile(String value) {
		return ProfileFiles.find(value).toString();
	}

}
