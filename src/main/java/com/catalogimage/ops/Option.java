package com.catalogimage.ops;

import java.util.function.Consumer;
import java.util.function.ToLongFunction;

import org.jspecify.annotations.Nullable;

/**
 * A command-line flag and the configuration property it sets. Flags take precedence over job profiles and
 * application.yml because they become command-line properties for Spring.
 *
 * @param flag e.g. {@code --rpm}
 * @param property the property it sets, or null for flags the command handles itself
 * @param valueName shown in help, or null for a switch without a value
 * @param help one line of help
 * @param check validates the value, throwing {@link UsageException}
 */
record Option(String flag, @Nullable String property, @Nullable String valueName, String help,
		Consumer<String> check) {

	static Option value(String flag, @Nullable String property, String valueName, String help) {
		return new Option(flag, property, valueName, help, value -> {
		});
	}

	static Option positiveInt(String flag, @Nullable String property, String help) {
		return new Option(flag, property, "N", help, wholeNumber(flag, 1, Integer::parseInt));
	}

	static Option positiveLong(String flag, String valueName, String help) {
		return new Option(flag, null, valueName, help, wholeNumber(flag, 1, Long::parseLong));
	}

	static Option positiveDecimal(String flag, String property, String valueName, String help) {
		return new Option(flag, property, valueName, help, value -> {
			try {
				if (new java.math.BigDecimal(value).signum() <= 0) {
					throw new NumberFormatException();
				}
			}
			catch (NumberFormatException ex) {
				throw new UsageException(flag + " needs a positive number, not '" + value + "'");
			}
		});
	}

	static Option nonNegativeInt(String flag, @Nullable String property, String help) {
		return new Option(flag, property, "N", help, wholeNumber(flag, 0, Integer::parseInt));
	}

	/** A TCP port: 0 (any free port) to 65535. */
	static Option port(String flag, @Nullable String property, String help) {
		return new Option(flag, property, "PORT", help, value -> {
			try {
				int port = Integer.parseInt(value);
				if (port >= 0 && port <= 65_535) {
					return;
				}
			}
			catch (NumberFormatException ex) {
				// not a number: the same answer as out of range
			}
			throw new UsageException(flag + " needs a port number from 0 to 65535, not '" + value + "'");
		});
	}

	/** Accepts a whole number of at least {@code min} in the range {@code parse} reads (int or long). */
	private static Consumer<String> wholeNumber(String flag, long min, ToLongFunction<String> parse) {
		return value -> {
			try {
				if (parse.applyAsLong(value) >= min) {
					return;
				}
			}
			catch (NumberFormatException ex) {
				// out of range or not a number: the same answer as too small
			}
			throw new UsageException(flag + " needs a whole number of at least " + min + ", not '" + value + "'");
		};
	}

	/** A decimal number in {@code [min, max]}. */
	static Option decimal(String flag, @Nullable String property, String valueName, String help, double min, double max) {
		return new Option(flag, property, valueName, help, value -> {
			try {
				double number = Double.parseDouble(value);
				if (!(number >= min && number <= max)) {
					throw new NumberFormatException();
				}
			}
			catch (NumberFormatException ex) {
				throw new UsageException(flag + " needs a number from " + min + " to " + max + ", not '" + value + "'");
			}
		});
	}

	static Option choice(String flag, @Nullable String property, String valueName, String help, java.util.List<String> allowed) {
		return new Option(flag, property, valueName, help, value -> {
			if (!allowed.contains(value)) {
				throw new UsageException(flag + " must be one of " + String.join(", ", allowed) + ", not '" + value + "'");
			}
		});
	}

	static Option flagOnly(String flag, @Nullable String property, String help) {
		return new Option(flag, property, null, help, value -> {
		});
	}

	Option withHelp(String otherHelp) {
		return new Option(this.flag, this.property, this.valueName, otherHelp, this.check);
	}

	boolean takesValue() {
		return this.valueName != null;
	}

}
