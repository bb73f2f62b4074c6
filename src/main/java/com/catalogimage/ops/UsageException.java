package com.catalogimage.ops;

/** A command line that cannot be acted on; its message is the one line shown to the user. */
public class UsageException extends RuntimeException {

	public UsageException(String message) {
		super(message);
	}

}
