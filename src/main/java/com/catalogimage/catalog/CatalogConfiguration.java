package com.catalogimage.catalog;

import com.catalogimage.provider.ProviderProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The catalog's pieces: the staged products' table, the stage step's tasklet and the estimate, both reading the CSV
 * the same way with the run's default size and ratio and the provider and model its fingerprints name.
 */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

	@Bean
	CatalogItemRepository catalogItemRepository(JdbcTemplate jdbc) {
		return new CatalogItemRepository(jdbc);
	}

	@Bean
	CatalogStagingTasklet catalogStagingTasklet(CatalogItemRepository items, CatalogProperties catalog,
			ProviderProperties provider, ManifestDiff manifest, PlatformTransactionManager transactionManager) {
		return new CatalogStagingTasklet(items, new ProductFingerprinter(provider.name(), provider.model()),
				new PromptTemplate(catalog.promptTemplate()), provider.size(), provider.aspectRatio(), manifest,
				catalog.selection(), transactionManager);
	}

	@Bean
	CatalogEstimator catalogEstimator(CatalogProperties catalog, ProviderProperties provider, ManifestDiff manifest) {
		return new CatalogEstimator(new ProductFingerprinter(provider.name(), provider.model()),
				new PromptTemplate(catalog.promptTemplate()), provider.size(), provider.aspectRatio(), manifest::current);
	}

}
