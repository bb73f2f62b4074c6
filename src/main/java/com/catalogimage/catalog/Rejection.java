package com.catalogimage.catalog;

/**
 * A catalog row set aside by validation, with where and why.
 *
 * @param line the line on which the row starts
 * @param sku the row's SKU as written (possibly empty or unsafe)
 * @param field the column at fault
 * @param reason what is wrong, in words a catalog editor understands
 */
public record Rejection(long line, String sku, String field, String reason) {
}
