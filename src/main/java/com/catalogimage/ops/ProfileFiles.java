package com.catalogimage.ops;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.system.ApplicationHome;

/**
 * Finds the file of {@code --profile NAME|FILE}: {@code jobs/NAME.yml} or the file given, relative to the current
 * folder first and then to the application's folder (the one holding {@code jobs/} beside the jar), so a profile
 * works from wherever the jar is started, as cron and scripts do.
 */
final class ProfileFiles {

	private ProfileFiles() {
	}

	/** The profile's file as an absolute path, or a usage error naming every place looked in. */
	static Path find(String value) {
		return find(value, Path.of("").toAbsolutePath(), applicationFolders());
	}

	static Path find(String value, Path currentFolder, List<Path> applicationFolders) {
		boolean isPath = value.endsWith(".yml") || value.endsWith(".yaml") || value.contains("/");
		Path relative = isPath ? Path.of(value) : Path.of("jobs", value + ".yml");
		Set<Path> bases = new LinkedHashSet<>();
		bases.add(currentFolder);
		if (!relative.isAbsolute()) {
			bases.addAll(applicationFolders);
		}
		List<Path> looked = new ArrayList<>();
		for (Path base : bases) {
			Path file = base.resolve(relative).toAbsolutePath().normalize();
			if (Files.isRegularFile(file)) {
				return file;
			}
			looked.add(file);
		}
		throw new UsageException("profile not found: " + relative + " (looked for "
				+ looked.stream().map(Path::toString).collect(Collectors.joining(", ")) + ")");
	}

	/**
	 * The folder of the jar and the one above it: {@code jobs/} sits beside the jar when it is installed with it, and
	 * beside {@code target/} in a build (where the source is {@code target/classes} or the jar in {@code target/}).
	 */
	static List<Path> applicationFolders() {
		Path source = codeLocation();
		if (source == null) {
			return List.of();
		}
		List<Path> folders = new ArrayList<>();
		Path folder = source.toAbsolutePath().normalize().getParent();
		for (int i = 0; i < 2 && folder != null; i++) {
			folders.add(folder);
			folder = folder.getParent();
		}
		return folders;
	}

	/** The jar (Spring Boot knows where a nested jar is), or the classes folder when not run from a jar. */
	private static @Nullable Path codeLocation() {
		File jar = new ApplicationHome(ProfileFiles.class).getSource();
		if (jar != null) {
			return jar.toPath();
		}
		try {
			URI classes = ProfileFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI();
			return "file".equals(classes.getScheme()) ? Path.of(classes) : null;
		}
		catch (URISyntaxException | RuntimeException ex) {
			return null;
		}
	}

}
