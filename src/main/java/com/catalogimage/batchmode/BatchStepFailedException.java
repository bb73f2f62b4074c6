package com.catalogimage.batchmode;

/** The batch step ends FAILED for the reason the run's gate closed with (said once, in words, on the console). */
final class BatchStepFailedException extends RuntimeException {

	BatchStepFailedException(String reason) {
		super(reason, null, false, false);
	}

}
