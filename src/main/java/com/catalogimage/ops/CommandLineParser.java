package com.catalogimage.ops;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Stack;

import org.jspecify.annotations.Nullable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reads {@code <command> [--flag value | --flag=value ...]} with picocli, strictly: an unknown command or flag, a
 * missing or empty value or a stray argument is a {@link UsageException} whose message is the one line the user sees,
 * naming it (with picocli's suggestion for a typo). Everything after {@code --help} is ignored, so a script that
 * appends flags still gets the help. A repeated flag takes its last value.
 */
final class CommandLineParser {

	/** The name the completion script completes: an alias or wrapper script for {@code java -jar ...} (README). */
	static final String SCRIPT_NAME = "catalog-image-batch";

	private CommandLineParser() {
	}

	/** What a command line asks for: text to print (help, the completion script) or a command to run. */
	sealed interface Request permits Printout, Invocation {
	}

	/** Printed to standard output; the process exits 0. */
	record Printout(String text) implements Request {
	}

	static Request parse(String... args) {
		CommandLine commandLine = commandLine(false);
		ParseResult result;
		try {
			result = commandLine.parseArgs(untilHelp(args));
		}
		catch (ParameterException ex) {
			throw new UsageException(message(ex));
		}
		if (result.isUsageHelpRequested()) {
			return new Printout(help(null));
		}
		if (!result.hasSubcommand()) {
			throw new UsageException("no command given; try --help");
		}
		ParseResult command = result.subcommand();
		String name = command.commandSpec().name();
		if (command.isUsageHelpRequested()) {
			return new Printout(help(name));
		}
		Commands.Flags flags = (Commands.Flags) command.commandSpec().userObject();
		if (flags instanceof Commands.Help help) {
			if (help.command != null && !commandLine.getSubcommands().containsKey(help.command)) {
				throw new UsageException(unknownCommand(commandLine, help.command, List.of()));
			}
			return new Printout(help(help.command));
		}
		if (flags instanceof Commands.Completion) {
			return new Printout(AutoComplete.bash(SCRIPT_NAME, commandLine(true)));
		}
		flags.check();
		Path profile = flags.profile();
		return new Invocation(name, flags, properties(command), profile == null ? null : profile.toString());
	}

	/** The help of a command, or the list of commands for null; defaults are read by {@link PropertyDefaults}. */
	static String help(@Nullable String command) {
		CommandLine root = commandLine(true);
		CommandLine shown = command == null ? root : root.getSubcommands().get(command);
		ByteArrayOutputStream text = new ByteArrayOutputStream();
		shown.usage(new PrintStream(text, true, StandardCharsets.UTF_8), Ansi.OFF);
		return text.toString(StandardCharsets.UTF_8);
	}

	/** The model of one command, as picocli built it from {@link Commands} (for tests and the README check). */
	static CommandSpec command(String name) {
		return commandLine(true).getSubcommands().get(name).getCommandSpec();
	}

	/** Flags given become their properties, with the value as typed (a switch: {@code true}), first one first. */
	private static Map<String, String> properties(ParseResult command) {
		Map<String, String> properties = new LinkedHashMap<>();
		for (OptionSpec option : command.matchedOptions()) {
			String property = PropertyDefaults.property(option);
			if (property != null) {
				List<String> typed = option.originalStringValues();
				properties.put(property, option.arity().max() == 0 ? "true" : typed.get(typed.size() - 1));
			}
		}
		return properties;
	}

	private static String[] untilHelp(String[] args) {
		int help = Arrays.asList(args).indexOf("--help");
		return help < 0 ? args : Arrays.copyOf(args, help + 1);
	}

	/**
	 * The commands as picocli reads them. For the help, with the defaults shown; for parsing, without: picocli would
	 * otherwise set them on the flags (and "rpm / 60" is no number), while a flag not given must set nothing.
	 */
	private static CommandLine commandLine(boolean forHelp) {
		CommandLine root = new CommandLine(new Commands.Root());
		root.setOverwrittenOptionsAllowed(true);
		root.setExpandAtFiles(false);
		root.setColorScheme(CommandLine.Help.defaultColorScheme(Ansi.OFF));
		root.registerConverter(String.class, new FlagValues.Text());
		root.registerConverter(Path.class, new FlagValues.FilePath());
		PropertyDefaults defaults = forHelp ? new PropertyDefaults() : null;
		List<CommandLine> all = new ArrayList<>(List.of(root));
		all.addAll(root.getSubcommands().values());
		for (CommandLine command : all) {
			CommandSpec spec = command.getCommandSpec();
			spec.preprocessor(new DetachedValues());
			spec.usageMessage()
				.sortOptions(false)
				.synopsisHeading("usage: ")
				.customSynopsis(spec.qualifiedName() + (command == root ? " <command> [options]" : synopsis(spec)))
				.descriptionHeading("%n")
				.optionListHeading("%noptions:%n")
				.commandListHeading("%ncommands:%n")
				.width(100)
				.longOptionsMaxWidth(28)
				.showDefaultValues(forHelp);
			if (defaults != null) {
				spec.defaultValueProvider(defaults);
			}
		}
		return root;
	}

	private static String synopsis(CommandSpec spec) {
		return spec.positionalParameters().isEmpty() ? " [options]"
				: " [" + spec.positionalParameters().get(0).paramLabel() + "]";
	}

	/** One line for what picocli refused, in the words the commands have always used. */
	private static String message(ParameterException ex) {
		CommandLine where = ex.getCommandLine();
		if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
			String argument = unmatched.getUnmatched().get(0);
			List<String> suggestions = unmatched.getSuggestions();
			if (where.getParent() == null) {
				return unknownCommand(where, argument, suggestions);
			}
			if (argument.startsWith("--")) {
				String command = where.getCommandName();
				int equals = argument.indexOf('=');
				return "unknown option " + (equals > 0 ? argument.substring(0, equals) : argument) + " for '" + command
						+ "'" + didYouMean(suggestions) + " (see " + command + " --help)";
			}
			return "unexpected argument '" + argument + "'; options start with --";
		}
		if (ex instanceof MissingParameterException missing && !missing.getMissing().isEmpty()
				&& missing.getMissing().get(0) instanceof OptionSpec option) {
			return needsAValue(option);
		}
		if (ex.getArgSpec() instanceof OptionSpec option) {
			String value = ex.getValue();
			if (value != null && value.isBlank()) {
				return needsAValue(option) + ", not an empty string";
			}
			if (ex.getCause() instanceof UsageException usage) {
				return usage.getMessage();
			}
			if (ex.getCause() instanceof TypeConversionException refused) {
				return option.longestName() + " " + refused.getMessage() + ", not '" + value + "'";
			}
		}
		return ex.getMessage();
	}

	private static String unknownCommand(CommandLine root, String argument, List<String> suggestions) {
		return "unknown command '" + argument + "'" + didYouMean(suggestions) + (suggestions.isEmpty() ? "; " : " ")
				+ "commands: " + String.join(", ", root.getSubcommands().keySet());
	}

	private static String needsAValue(OptionSpec option) {
		return option.longestName() + " needs a value (" + option.paramLabel() + ")";
	}

	private static String didYouMean(List<String> suggestions) {
		if (suggestions.isEmpty()) {
			return "";
		}
		List<String> shown = suggestions.subList(0, Math.min(3, suggestions.size()));
		String last = shown.get(shown.size() - 1);
		return shown.size() == 1 ? "; did you mean " + last + "?"
				: "; did you mean " + String.join(", ", shown.subList(0, shown.size() - 1)) + " or " + last + "?";
	}

	/**
	 * Two rules on the arguments as typed, before picocli reads them. A flag's value given as the next argument never
	 * starts with {@code --}: when a script's variable comes out empty and unquoted, {@code --input $CATALOG --output
	 * x} must not read {@code --output} as the catalog (picocli itself refuses only the names of known flags there;
	 * {@code --only=--A1}, attached, is still a value). And a switch takes no value, not even {@code --force=true}.
	 */
	private static final class DetachedValues implements IParameterPreprocessor {

		@Override
		public boolean preprocess(Stack<String> args, CommandSpec command, @Nullable ArgSpec argument,
				Map<String, Object> info) {
			if (argument != null) {
				return false;
			}
			List<String> ahead = new ArrayList<>(args);
			Collections.reverse(ahead);
			for (int i = 0; i < ahead.size(); i++) {
				int equals = ahead.get(i).indexOf('=');
				OptionSpec attached = equals > 0 ? command.optionsMap().get(ahead.get(i).substring(0, equals)) : null;
				if (attached != null && attached.arity().max() == 0) {
					throw new ParameterException(command.commandLine(), attached.longestName() + " takes no value");
				}
				OptionSpec option = command.optionsMap().get(ahead.get(i));
				if (option != null && option.arity().min() > 0
						&& (i + 1 == ahead.size() || ahead.get(i + 1).startsWith("--"))) {
					throw new MissingParameterException(command.commandLine(), option, needsAValue(option));
				}
			}
			return false;
		}

	}

}
