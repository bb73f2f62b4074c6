package com.catalogimage.generation;

/** The gate closed while a product was between attempts: the product stays PENDING for the restart. */
final class CallAbandonedException extends RuntimeException {

	public CallAbandonedException() {
		super("the job is ending; the product stays pending", null, false, false);
	}

}
