package com.catalogimage.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each default is written once, in its properties record; the README's tables and the help say what the record
 * says, and application.yml does not say it again.
 */
class DefaultsStatedOnceTests {

	private static final Path README = Path.of("README.md");

	private final PropertyDefaults defaults = new PropertyDefaults();

	@Test
	void theReadmesFlagTableListsRunsFlagsWithTheirPropertiesAndDefaults() throws IOException {
		// given: the rows of the table in "## Configuration": flag, property, default, meaning
		List<List<String>> rows = tableRows(section("## Configuration"), "| `--");
		CommandSpec run = CommandLineParser.command(Commands.RUN);
		Set<String> listed = new TreeSet<>();
		// then
		for (List<String> row : rows) {
			String flag = code(row.get(0)).split(" ")[0];
			listed.add(flag);
			OptionSpec option = run.findOption(flag);
			assertThat(option).as("README flag %s is a flag of run", flag).isNotNull();
			assertThat(code(row.get(1))).as("property of %s", flag)
				.isEqualTo(Objects.toString(PropertyDefaults.property(option), ""));
			assertThat(code(row.get(2))).as("default of %s", flag).isEqualTo(this.defaults.describe(option));
		}
		Set<String> flags = new TreeSet<>();
		run.options().stream().filter(option -> !option.usageHelp()).forEach(option -> flags.add(option.longestName()));
		assertThat(listed).as("run's flags in the README table").isEqualTo(flags);
	}

	@Test
	void theReadmesSimulatorTableStatesTheSimulatorRecordsDefaults() throws IOException {
		// rows such as | `faults.rate-429`, `-500`, `-503` | `0` | ... and
		// | `faults.systemic-after`, `faults.systemic-status` | `-1`, `401` | ...
		List<List<String>> rows = tableRows(section("## The simulator"), "| `");
		assertThat(rows).hasSizeGreaterThan(5);
		for (List<String> row : rows) {
			List<String> names = Arrays.stream(row.get(0).split(",")).map(DefaultsStatedOnceTests::code).toList();
			List<String> values = Arrays.stream(row.get(1).split(",")).map(DefaultsStatedOnceTests::code).toList();
			String first = names.get(0);
			for (int i = 0; i < names.size(); i++) {
				// "-500" after "faults.rate-429" is "faults.rate-500"
				String name = names.get(i).startsWith("-") ? first.substring(0, first.lastIndexOf('-')) + names.get(i)
						: names.get(i);
				String value = values.size() == names.size() ? values.get(i) : values.get(0);
				assertThat(value).as("imagebatch.simulator." + name)
					.isEqualTo(this.defaults.describe("imagebatch.simulator." + name, false));
			}
		}
	}

	@Test
	void applicationYmlStatesNoDefaultOfARecordOnlyThePriceTable() throws IOException {
		List<String> imagebatch = new ArrayList<>();
		for (PropertySource<?> source : new YamlPropertySourceLoader().load("application",
				new ClassPathResource("application.yml"))) {
			for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
				if (name.startsWith("imagebatch.")) {
					imagebatch.add(name);
				}
			}
		}
		assertThat(imagebatch).isNotEmpty().allMatch(name -> name.startsWith("imagebatch.pricing."));
	}

	private static String section(String heading) throws IOException {
		String readme = Files.readString(README, StandardCharsets.UTF_8);
		int start = readme.indexOf("\n" + heading + "\n");
		assertThat(start).as(heading).isNotNegative();
		int end = readme.indexOf("\n## ", start + 1);
		return readme.substring(start, end < 0 ? readme.length() : end);
	}

	/** The cells of the table rows that start so, without the outer pipes. */
	private static List<List<String>> tableRows(String section, String rowStart) {
		return section.lines()
			.filter(line -> line.startsWith(rowStart))
			.map(line -> Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::strip).toList())
			.toList();
	}

	/** A cell's text without the backticks of its code spans. */
	private static String code(String cell) {
		return cell.replace("`", "").strip();
	}

}
