package com.catalogimage.catalog;

/**
 * The catalog file as a whole cannot be read (missing header columns, broken quoting, not UTF-8, every row rejected):
 * the job fails before any product is generated. The message names the file and, where known, the line. It carries
 * no cause on purpose: the console shows the root cause of a failure, and the root must be this message, not the
 * parser's "Input length = 1".
 */
class CatalogFormatException extends RuntimeException {

	public CatalogFormatException(String message) {
		super(message);
	}

}
