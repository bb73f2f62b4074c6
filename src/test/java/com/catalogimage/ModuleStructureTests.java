package com.catalogimage;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feature packages stay modules: no cycle between them, and no feature uses another's internals. Spring Modulith
 * checks the compiled classes: each direct sub-package of {@code com.catalogimage} is a module, its public types are
 * its interface and its own sub-packages ({@code provider.gemini}, {@code provider.openai}) internal; a cycle, the
 * application class included, or a reach into another module's internal package fails. The compiler inlines
 * constants, though: a package that reads only another's {@code static final String}s (a step name, a parameter name)
 * leaves no trace in the bytecode, which is how a {@code job} ⇄ {@code report} cycle once went unseen. So the same
 * cycle check also runs over the sources' imports and qualified names.
 */
class ModuleStructureTests {

	private static final String ROOT = "(root)";

	private static final Path SOURCES = Path.of("src/main/java/com/catalogimage");

	/** A type of the project named by its package: group 1 is the package below com.catalogimage, absent for the root. */
	private static final Pattern REFERENCE = Pattern.compile("\\bcom\\.catalogimage\\.(?:([a-z]+)\\.)?[A-Z]");

	@Test
	void theModulesFormNoCycleAndUseOnlyWhatEachOtherExposes() {
		ApplicationModules.of(CatalogImageApplication.class).verify();
	}

	/**
	 * Modulith keeps every {@code ApplicationModules} it built, with all the imported classes, in a static cache for
	 * the life of the JVM. The unit tests share one JVM and {@code MemoryMeterTests} measures its heap, so the cache
	 * is dropped once this test is done.
	 */
	@AfterAll
	static void forgetTheImportedClasses() throws ReflectiveOperationException {
		Field cache = ApplicationModules.class.getDeclaredField("CACHE");
		cache.setAccessible(true);
		((Map<?, ?>) cache.get(null)).clear();
	}

	@Test
	void theSourcesImportsFormNoCycleBetweenPackages() throws IOException {
		Map<String, Map<String, String>> dependencies = dependencies();
		assertThat(dependencies).as("packages found").containsKeys("catalog", "generation", "job", "ops", "report");
		assertThat(cycles(dependencies)).isEmpty();
	}

	/** Package to the packages it refers to, each with one file that does, for the message. */
	private static Map<String, Map<String, String>> dependencies() throws IOException {
		Map<String, Map<String, String>> dependencies = new TreeMap<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
				Path relative = SOURCES.relativize(file);
				String from = relative.getNameCount() == 1 ? ROOT : relative.getName(0).toString();
				Map<String, String> to = dependencies.computeIfAbsent(from, key -> new TreeMap<>());
				for (String line : Files.readAllLines(file)) {
					String code = line.strip();
					if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
						continue;
					}
					Matcher reference = REFERENCE.matcher(code);
					while (reference.find()) {
						String target = reference.group(1) == null ? ROOT : reference.group(1);
						if (!target.equals(from)) {
							to.putIfAbsent(target, relative.toString());
						}
					}
				}
			}
		}
		return dependencies;
	}

	/** Every cycle found by a depth-first walk, as {@code a -> b (file) -> a (file)}. */
	private static List<String> cycles(Map<String, Map<String, String>> dependencies) {
		List<String> cycles = new ArrayList<>();
		Map<String, Integer> state = new HashMap<>();
		for (String start : new TreeSet<>(dependencies.keySet())) {
			walk(start, dependencies, state, new ArrayDeque<>(), cycles);
		}
		return cycles;
	}

	private static void walk(String from, Map<String, Map<String, String>> dependencies, Map<String, Integer> state,
			Deque<String> path, List<String> cycles) {
		Integer seen = state.get(from);
		if (seen != null && seen == 2) {
			return;
		}
		if (seen != null) {
			List<String> loop = new ArrayList<>(path);
			loop = loop.subList(loop.indexOf(from), loop.size());
			StringBuilder text = new StringBuilder(from);
			for (int i = 0; i < loop.size(); i++) {
				String next = i + 1 < loop.size() ? loop.get(i + 1) : from;
				text.append(" -> ").append(next).append(" (").append(dependencies.get(loop.get(i)).get(next)).append(')');
			}
			cycles.add(text.toString());
			return;
		}
		state.put(from, 1);
		path.addLast(from);
		for (String to : dependencies.getOrDefault(from, Map.of()).keySet()) {
			walk(to, dependencies, state, path, cycles);
		}
		path.removeLast();
		state.put(from, 2);
	}

}
