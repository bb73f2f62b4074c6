package com.catalogimage.catalog;

/** A validated product with its fingerprint and initial status, ready to be inserted. */
record StagedProduct(Product product, String fingerprint, ProductStatus status) {

	StagedProduct withStatus(ProductStatus newStatus) {
		return new StagedProduct(this.product, this.fingerprint, newStatus);
	}

}
