package com.catalogimage.catalog;

import java.nio.file.Path;

import com.catalogimage.catalog.ReferenceImageFile.InvalidReferenceException;

/**
 * Fingerprints products for one provider and model. Reference images enter the fingerprint by content, so replacing
 * the file behind an unchanged path changes the image.
 */
final class ProductFingerprinter {

	private final String provider;

	private final String model;

	public ProductFingerprinter(String provider, String model) {
		this.provider = provider;
		this.model = model;
	}

	/**
	 * The product's fingerprint.
	 *
	 * @throws IllegalArgumentException when its reference image is missing, unreadable or not an image (staging uses
	 * {@link #stage(Product, Path)}, which reports that as a rejected row instead)
	 */
	public String fingerprint(Product product, Path catalogFile) {
		try {
			return stage(product, catalogFile).fingerprint();
		}
		catch (InvalidReferenceException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

	/**
	 * The product ready to insert as PENDING: its reference image (if any) resolved to an absolute path, so the
	 * generate step needs no knowledge of where the catalog was, and its fingerprint.
	 *
	 * @throws InvalidReferenceException when the reference image is missing, unreadable or not an image
	 */
	public StagedProduct stage(Product product, Path catalogFile) throws InvalidReferenceException {
		if (product.referenceImage() == null) {
			return new StagedProduct(product, Fingerprint.of(this.provider, this.model, product.prompt(), product.size(),
					product.aspectRatio(), null), ProductStatus.PENDING);
		}
		ReferenceImageFile reference = ReferenceImageFile.resolve(catalogFile, product.referenceImage());
		Product resolved = new Product(product.line(), product.sku(), product.name(), product.prompt(), product.size(),
				product.aspectRatio(), reference.file().toString());
		return new StagedProduct(resolved, Fingerprint.of(this.provider, this.model, product.prompt(), product.size(),
				product.aspectRatio(), reference.sha256()), ProductStatus.PENDING);
	}

}
