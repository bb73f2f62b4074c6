package com.catalogimage.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineParserTests {

	private static final List<String> COMMANDS = List.of(Commands.RUN, Commands.ESTIMATE, Commands.STATUS,
			Commands.RECOVER, Commands.REPORT, Commands.WORKER, Commands.BROKER, Commands.SIMULATE, Commands.BENCH);

	@Test
	void flagsGivenBecomeTheirPropertiesAsTypedAndFlagsNotGivenSetNothing() {
		// when
		Invocation invocation = invocation("run", "--rpm", "5", "--model", "m", "--rpm", "06", "--force",
				"--max-cost=1.50", "--run-id", "2026-01-01");
		// then: the last of a repeated flag wins, values are handed over as typed, a switch is "true"
		assertThat(invocation.properties()).containsExactly(Map.entry("imagebatch.generation.rpm", "06"),
				Map.entry("imagebatch.provider.model", "m"), Map.entry("imagebatch.catalog.force", "true"),
				Map.entry("imagebatch.generation.max-cost", "1.50"));
		assertThat(invocation.flags(Commands.Run.class).runId).isEqualTo("2026-01-01");
		// and: no default is handed over, so a job profile still decides what the flags leave open
		assertThat(invocation("run").properties()).isEmpty();
		assertThat(invocation("run").springArguments()).isEmpty();
	}

	@Test
	void aWorkerTakesTheFlagsAWorkerAppliesAndNoneOfTheCatalogsWhichOnlyTheManagerReads() {
		// when
		Invocation worker = invocation("worker", "--output", "o", "--provider", "gemini", "--model", "m",
				"--concurrency", "2", "--rpm", "5", "--rpd", "9", "--max-cost", "1", "--skip-limit", "3", "--broker",
				"tcp://127.0.0.1:61617", "--db-url", "jdbc:postgresql://127.0.0.1/c");
		// then
		assertThat(worker.properties()).containsKeys("imagebatch.output.dir", "imagebatch.provider.name",
				"imagebatch.provider.model", "imagebatch.generation.concurrency", "imagebatch.generation.rpm",
				"imagebatch.generation.rpd", "imagebatch.generation.max-cost", "imagebatch.generation.skip-limit",
				"imagebatch.remote.broker", "spring.datasource.url");
		// and: the catalog, its size and aspect-ratio defaults and the product selection are staged by the manager
		for (String catalogOnly : List.of("--input", "--size", "--aspect-ratio", "--force", "--only", "--prune")) {
			assertThat(CommandLineParser.command(Commands.RUN).findOption(catalogOnly)).as(catalogOnly).isNotNull();
			assertThat(CommandLineParser.command(Commands.WORKER).findOption(catalogOnly)).as(catalogOnly).isNull();
		}
		assertThatThrownBy(() -> CommandLineParser.parse("worker", "--force"))
			.hasMessage("unknown option --force for 'worker' (see worker --help)");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = CommandLineInterface.run(new String[] { "worker", "--input", "x.csv" },
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(exit).isEqualTo(ExitCodes.USAGE);
		assertThat(err.toString(StandardCharsets.UTF_8))
			.isEqualTo("error: unknown option --input for 'worker' (see worker --help)\n");
	}

	@Test
	void aValueAfterItsFlagNeverStartsWithTwoDashesUnlessAttached() {
		// an unquoted empty variable: --input $CATALOG --output x
		assertThatThrownBy(() -> CommandLineParser.parse("run", "--input", "--output", "x"))
			.hasMessage("--input needs a value (FILE)");
		assertThatThrownBy(() -> CommandLineParser.parse("run", "--model", "--no-such-flag"))
			.hasMessage("--model needs a value (NAME)");
		// a SKU may begin with a dash
		assertThat(invocation("run", "--only", "-A1").properties()).containsEntry("imagebatch.catalog.only", "-A1");
		assertThat(invocation("run", "--only=--A1").properties()).containsEntry("imagebatch.catalog.only", "--A1");
	}

	@Test
	void aSwitchTakesNoValue() {
		assertThatThrownBy(() -> CommandLineParser.parse("run", "--force=true")).hasMessage("--force takes no value");
		assertThatThrownBy(() -> CommandLineParser.parse("recover", "--force=")).hasMessage("--force takes no value");
	}

	@Test
	void everythingAfterHelpIsIgnoredSoAScriptThatAppendsFlagsStillGetsTheHelp() {
		// simulate has no --output or --db-url
		assertThat(CommandLineParser.parse("simulate", "--help", "--output", "x", "--db-url", "y"))
			.isInstanceOfSatisfying(CommandLineParser.Printout.class,
					help -> assertThat(help.text()).contains("--fault-429"));
		assertThat(CommandLineParser.parse("help", "report")).isEqualTo(CommandLineParser.parse("report", "--help"));
		assertThat(CommandLineParser.parse("help", "--help")).isEqualTo(CommandLineParser.parse("help", "help"));
		assertThatThrownBy(() -> CommandLineParser.parse("help", "nosuch"))
			.hasMessageStartingWith("unknown command 'nosuch'; commands: run, estimate");
	}

	@Test
	void everyCommandTakesHelpAndListsItLastAndTheCommandsThatReadAJobProfileTakeProfile(@TempDir Path folder)
			throws IOException {
		Path profile = Files.writeString(folder.resolve("job.yml"), "imagebatch.generation.rpm: 5\n");
		List<String> profiled = List.of(Commands.RUN, Commands.ESTIMATE, Commands.STATUS, Commands.RECOVER,
				Commands.REPORT, Commands.WORKER, Commands.SIMULATE);
		List<String> all = new ArrayList<>(COMMANDS);
		all.addAll(List.of(Commands.COMPLETION, Commands.HELP));
		for (String name : all) {
			// then: --help prints the command's help, whose flags end with --profile, the database's, --help
			String help = CommandLineParser.help(name);
			assertThat(CommandLineParser.parse(name, "--help")).as(name)
				.isEqualTo(new CommandLineParser.Printout(help));
			List<String> listed = Pattern.compile("(?m)^ +(--[a-z0-9-]+)")
				.matcher(help)
				.results()
				.map(flag -> flag.group(1))
				.toList();
			assertThat(listed).as(name).endsWith("--help");
			if (profiled.contains(name)) {
				assertThat(listed.subList(listed.indexOf("--profile"), listed.size())).as(name)
					.isSubsetOf("--profile", "--db-url", "--db-user", "--help");
				// and: --profile hands the profile's file over
				String[] args = name.equals(Commands.REPORT)
						? new String[] { name, "--profile", profile.toString(), "--execution", "1" }
						: new String[] { name, "--profile", profile.toString() };
				assertThat(invocation(args).profileFile()).as(name).isEqualTo(profile.toString());
			}
			else {
				assertThat(listed).as(name).doesNotContain("--profile");
				assertThatThrownBy(() -> CommandLineParser.parse(name, "--profile", profile.toString())).as(name)
					.hasMessageStartingWith("unknown option --profile for '" + name + "'");
			}
		}
	}

	@Test
	void typosGetPicoclisSuggestion() {
		assertThatThrownBy(() -> CommandLineParser.parse("run", "--chunksize", "4"))
			.hasMessage("unknown option --chunksize for 'run'; did you mean --chunk-size? (see run --help)");
		assertThatThrownBy(() -> CommandLineParser.parse("stauts")).hasMessageStartingWith(
				"unknown command 'stauts'; did you mean status or estimate? commands: run, estimate, status");
	}

	@Test
	void theHelpOfEveryCommandListsEveryFlagWithItsDefault() {
		PropertyDefaults defaults = new PropertyDefaults();
		for (String name : COMMANDS) {
			String help = CommandLineParser.help(name);
			for (OptionSpec option : CommandLineParser.command(name).options()) {
				String entry = entry(help, option.longestName());
				if (!option.usageHelp()) {
					assertThat(entry).as(name).contains("Default: " + defaults.describe(option) + "\n");
				}
			}
		}
	}

	@Test
	void theDefaultsShownAreTheRecordsOrSaidInWordsWhereDerived() {
		Map<String, String> expected = Map.of("--rpm", "600", "--input", "jobs/sample-catalog/products.csv",
				"--concurrency", "8", "--adaptive-rate", "true", "--force", "off", "--burst", "rpm / 60", "--max-cost",
				"none", "--db-user", "sa", "--run-id", "none");
		PropertyDefaults defaults = new PropertyDefaults();
		CommandSpec run = CommandLineParser.command(Commands.RUN);
		expected.forEach((flag, value) -> assertThat(defaults.describe(run.findOption(flag))).as(flag).isEqualTo(value));
		CommandSpec simulate = CommandLineParser.command(Commands.SIMULATE);
		assertThat(defaults.describe(simulate.findOption("--time-scale"))).isEqualTo("0.03");
		assertThat(defaults.describe(simulate.findOption("--fault-503"))).isEqualTo("0");
		assertThat(defaults.describe(CommandLineParser.command(Commands.BENCH).findOption("--items"))).isEqualTo("2000");
	}

	@Test
	void everyPropertyAFlagSetsIsBoundByARecordOrIsSpringsOwn() {
		PropertyDefaults defaults = new PropertyDefaults();
		for (String name : COMMANDS) {
			for (OptionSpec option : CommandLineParser.command(name).options()) {
				String property = PropertyDefaults.property(option);
				if (property != null && !PropertyDefaults.DERIVED.containsKey(property)) {
					// throws for a property no record has (a typo in @Property would set nothing at all)
					defaults.value(property);
				}
			}
		}
		assertThatThrownBy(() -> defaults.value("imagebatch.generation.rmp"))
			.hasMessageContaining("imagebatch.generation.rmp");
	}

	@Test
	void theCompletionScriptCompletesEveryCommandFlagAndChoice() {
		String script = ((CommandLineParser.Printout) CommandLineParser.parse("completion")).text();
		assertThat(script).contains("complete -F").contains(CommandLineParser.SCRIPT_NAME);
		for (String name : COMMANDS) {
			assertThat(script).contains(name);
			CommandLineParser.command(name).options().forEach(option -> assertThat(script).contains(option.longestName()));
		}
		assertThat(script).contains("(\"simulator\" \"gemini\" \"openai\") # --provider values")
			.contains("(\"512\" \"1K\" \"2K\" \"4K\") # --size values");
	}

	/** A flag's entry in a help text: its line and the indented lines under it. */
	private static String entry(String help, String flag) {
		Matcher start = Pattern.compile("(?m)^ +" + Pattern.quote(flag) + "[= ]").matcher(help);
		assertThat(start.find()).as(flag + " in\n" + help).isTrue();
		Matcher next = Pattern.compile("(?m)^ +--").matcher(help);
		int end = next.find(start.end()) ? next.start() : help.length();
		return help.substring(start.start(), end);
	}

	private static Invocation invocation(String... args) {
		return (Invocation) CommandLineParser.parse(args);
	}

}
