package com.catalogimage.simulator;

import org.jspecify.annotations.Nullable;

/**
 * How one line of a batch was answered, decided when the batch did it: with an image (rendered only when the result
 * is read, so no result is ever held whole), or with the reply the synchronous path would have sent.
 *
 * @param reply the answer when it is not an image (an error, a block, an answer without an image); null for an image
 * @param blank whether the image is the blank-word fault's uniform one
 * @param duplicated whether the provider also delivers (and bills) a second output line for the key
 */
record BatchLineResult(@Nullable Reply reply, boolean blank, boolean duplicated) {

	static BatchLineResult image(boolean blank, boolean duplicated) {
		return new BatchLineResult(null, blank, duplicated);
	}

	static BatchLineResult answered(Reply reply) {
		return new BatchLineResult(reply, false, false);
	}

	boolean delivered() {
		return this.reply == null;
	}

	int status() {
		return this.reply == null ? 200 : this.reply.status();
	}

}
