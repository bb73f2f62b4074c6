package com.catalogimage.generation;

import java.util.ArrayList;
import java.util.List;

import com.catalogimage.catalog.CatalogItem;

/**
 * Products that exhausted their retries, or whose request the provider rejected, during this execution. They stay
 * PENDING until the generate step ends: if the provider turned out to be failing or the configuration wrong (the job
 * fails), a restart retries them; otherwise they are recorded as skipped ({@code retries-exhausted:<last status>}, or
 * the rejection's status). So a provider outage or a bad setting never shows up as thousands of skipped products.
 */
class DeferredSkips {

	/** A product waiting for the verdict. */
	record Deferred(CatalogItem item, ProductSkippedException skip) {
	}

	private final List<Deferred> deferred = new ArrayList<>();

	synchronized void add(CatalogItem item, ProductSkippedException skip) {
		this.deferred.add(new Deferred(item, skip));
	}

	/** Takes every deferred product, leaving the list empty. */
	synchronized List<Deferred> drain() {
		List<Deferred> all = List.copyOf(this.deferred);
		this.deferred.clear();
		return all;
	}

}
