package com.catalogimage.catalog;

/** A validated product with its fingerprint and initial status, ready to be inserted. */
public record StagedProduct(Product product, String fingerprint, ProductStatus status) {
}
