package com.catalogimage.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/**
 * The H2 URL the job ships with ({@code spring.datasource.url} in {@code application.yml}), pointed at another file:
 * the bench's runs open their databases with exactly the settings a user's run has (write delay, statement cache,
 * page size), read from the one place they are set. Public for the test that opens the shipped URL
 * ({@code ops.DefaultDatabaseSettingsTests}).
 */
public final class ShippedDatabaseUrl {

	private static final String PROPERTY = "spring.datasource.url";

	private ShippedDatabaseUrl() {
	}

	/** The shipped URL with its file replaced by {@code file}; its settings as shipped. */
	public static String at(Path file) {
		String shipped = shipped();
		int settings = shipped.indexOf(';');
		return "jdbc:h2:file:" + file.toAbsolutePath() + (settings < 0 ? "" : shipped.substring(settings));
	}

	/** {@code spring.datasource.url} as application.yml sets it. */
	public static String shipped() {
		try {
			return new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
				.stream()
				.map(source -> source.getProperty(PROPERTY))
				.filter(String.class::isInstance)
				.map(String.class::cast)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("application.yml sets no " + PROPERTY));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
