package com.catalogimage.generation;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Notices a configuration error: the provider rejecting the request of product after product in the same words (the
 * same 400 status and message: an invalid size, an option the model does not support) with no image in between.
 * Every further product would get the same answer, so the run fails fast instead of skipping them one at a time up
 * to the skip limit. Other outcomes (safety blocks, retries exhausted, cache hits) neither count nor break the series.
 */
final class RepeatedRejections {

	private final int limit;

	private @Nullable String lastRejection;

	private int inARow;

	/** @param limit identical rejections in a row that make a configuration error; 0 for never */
	RepeatedRejections(int limit) {
		this.limit = limit;
	}

	/** A product got its image: the configuration works. */
	synchronized void succeeded() {
		this.lastRejection = null;
		this.inARow = 0;
	}

	/** Counts a request rejection; returns whether it completes the series that makes a configuration error. */
	synchronized boolean rejected(String status, String message) {
		String rejection = status + "\n" + message;
		this.inARow = Objects.equals(rejection, this.lastRejection) ? this.inARow + 1 : 1;
		this.lastRejection = rejection;
		return this.limit > 0 && this.inARow >= this.limit;
	}

	int limit() {
		return this.limit;
	}

}
