package com.catalogimage.storage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** Where a run's images and rows are kept: the output folder's layout and cache, and the tables of results. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

	@Bean
	OutputLayout outputLayout(OutputProperties output) {
		return new OutputLayout(output.dir());
	}

	@Bean
	ImageCache imageCache(OutputLayout layout) {
		return new ImageCache(layout.cache());
	}

	@Bean
	ImageManifest imageManifest(JdbcTemplate jdbc, OutputLayout layout) {
		return new ImageManifest(jdbc, layout);
	}

	@Bean
	ResultRepository resultRepository(JdbcTemplate jdbc) {
		return new ResultRepository(jdbc);
	}

	@Bean
	AttemptJournal attemptJournal(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
		return new AttemptJournal(jdbc, transactionManager);
	}

}
