package com.catalogimage.catalog;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the catalog comes from, how a prompt is built for rows that have none, and which products a run generates.
 *
 * @param input the products CSV
 * @param promptTemplate template over the row's columns, e.g. {@code {name}} and {@code {description}}
 * @param force regenerate every product, even those whose image is current
 * @param only regenerate just these SKUs
 * @param prune delete the images of products no longer in the catalog
 */
@ConfigurationProperties("imagebatch.catalog")
public record CatalogProperties(@DefaultValue("jobs/sample-catalog/products.csv") Path input,
		@DefaultValue("Studio product photo of {name}: {description}. Plain white background.") String promptTemplate,
		@DefaultValue("false") boolean force, @DefaultValue List<String> only, @DefaultValue("false") boolean prune) {

	public Selection selection() {
		return new Selection(this.force, new java.util.HashSet<>(this.only), this.prune);
	}

}
