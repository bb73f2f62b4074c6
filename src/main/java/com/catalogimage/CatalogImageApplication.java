package com.catalogimage;

import com.catalogimage.ops.CommandLineInterface;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * catalog-image-batch: turns a product CSV into product images through AI image-generation APIs. The entry point
 * parses the command line before Spring starts, so usage errors never touch the database.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CatalogImageApplication {

	public static void main(String[] args) {
		// System.exit: cron and the nightly script act on the exit code (README, "Exit codes").
		System.exit(CommandLineInterface.run(args));
	}

}
