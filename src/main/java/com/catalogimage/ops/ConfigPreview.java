package com.catalogimage.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.catalogimage.catalog.CatalogProperties;
import com.catalogimage.simulator.SimulatorProperties;
import com.catalogimage.storage.OutputProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;

/**
 * Resolves a few settings the way Spring will (flags over the job profile over application.yml, environment
 * variables included) before Spring starts, so a missing input file is reported without opening the database, and
 * the commands know which database they will open.
 */
final class ConfigPreview {

	private final Binder binder;

	private ConfigPreview(Binder binder) {
		this.binder = binder;
	}

	static ConfigPreview of(Invocation invocation) {
		StandardEnvironment environment = new StandardEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		sources.addFirst(new MapPropertySource("flags", new java.util.HashMap<>(invocation.properties())));
		YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
		try {
			if (invocation.profileFile() != null) {
				for (PropertySource<?> source : yaml.load("profile", new FileSystemResource(invocation.profileFile()))) {
					sources.addLast(source);
				}
			}
			for (PropertySource<?> source : yaml.load("application", new ClassPathResource("application.yml"))) {
				sources.addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ConfigPreview(Binder.get(environment));
	}

	/** The simulator's settings, bound as Spring would bind them, without starting Spring. */
	SimulatorProperties simulator() {
		return this.binder.bindOrCreate("imagebatch.simulator", SimulatorProperties.class);
	}

	Path output() {
		return this.binder.bindOrCreate("imagebatch.output", OutputProperties.class).dir();
	}

	/** The job repository's JDBC URL (flags, profile, environment, application.yml), or an empty string if none. */
	String databaseUrl() {
		return this.binder.bind("spring.datasource.url", String.class).orElse("");
	}

	/** The broker of remote workers, if a flag, the profile or the environment names one. */
	java.util.Optional<String> broker() {
		return this.binder.bind("imagebatch.remote.broker", String.class).map(java.util.Optional::of)
			.orElse(java.util.Optional.empty());
	}

	Path input() {
		return this.binder.bindOrCreate("imagebatch.catalog", CatalogProperties.class).input();
	}

}
