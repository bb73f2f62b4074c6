/**
 * Catalog input: reading products.csv with commons-csv, validating rows, building prompts and fingerprints, and
 * staging the products of a job instance into the database before any money is spent.
 */
@NullMarked
package com.catalogimage.catalog;

import org.jspecify.annotations.NullMarked;
