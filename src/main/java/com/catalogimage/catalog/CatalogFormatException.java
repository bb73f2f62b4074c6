package com.catalogimage.catalog;

/**
 * The catalog file as a whole cannot be read (missing header columns, broken quoting): the job fails before any
 * product is staged. The message names the file and, where known, the line.
 */
public class CatalogFormatException extends RuntimeException {

	public CatalogFormatException(String message) {
		super(message);
	}

	public CatalogFormatException(String message, Throwable cause) {
		super(message, cause);
	}

}
