package com.catalogimage;

import java.time.Clock;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * catalog-image-batch: turns a product CSV into product images through AI image-generation APIs. This class is the
 * root of the application context, which each feature package fills with its own configuration; the jar's entry point
 * is the command line ({@code ops.CommandLineInterface}), which parses its arguments before Spring starts, so usage
 * errors never touch the database, and starts the context only for the commands that need one.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CatalogImageApplication {

	/** The one clock every feature reads the time from, so tests can fix it. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
