package com.catalogimage.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Generated catalogs for tests that need many products. */
public final class Catalogs {

	private Catalogs() {
	}

	/** Writes {@code count} products with distinct names (so distinct prompts) and returns the file. */
	public static Path write(Path file, int count, String prefix) throws IOException {
		StringBuilder csv = new StringBuilder("sku,name,description,category\n");
		for (int i = 1; i <= count; i++) {
			csv.append("%s-%04d,%s product %d,Test item %d,Tests%n".formatted(prefix, i, prefix, i, i));
		}
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.writeString(file, csv);
		return file;
	}

	/** The prompt the default template builds for product {@code i} of {@link #write}. */
	public static String prompt(String prefix, int i) {
		return "Studio product photo of %s product %d: Test item %d. Plain white background.".formatted(prefix, i, i);
	}

}
