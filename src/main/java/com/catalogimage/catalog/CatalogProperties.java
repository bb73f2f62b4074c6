package com.catalogimage.catalog;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the catalog comes from and how a prompt is built for rows that have none.
 *
 * @param input the products CSV
 * @param promptTemplate template over the row's columns, e.g. {@code {name}} and {@code {description}}
 */
@ConfigurationProperties("imagebatch.catalog")
public record CatalogProperties(@DefaultValue("jobs/sample-catalog/products.csv") Path input,
		@DefaultValue("Studio product photo of {name}: {description}. Plain white background.") String promptTemplate) {
}
