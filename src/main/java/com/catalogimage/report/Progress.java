package com.catalogimage.report;

import java.math.BigDecimal;

/**
 * How far a job instance is, as the progress line shows it.
 *
 * @param total products of the instance
 * @param pending products still waiting
 * @param imagesNow images (generated or cached) saved by the running execution
 * @param spentUsd known cost so far over the instance
 * @param http429 calls answered 429 so far over the instance
 */
record Progress(long total, long pending, long imagesNow, BigDecimal spentUsd, long http429) {

	public long done() {
		return this.total - this.pending;
	}

	/** Reads the progress of a running instance; must be cheap, it runs every few seconds. */
	@FunctionalInterface
	public interface Source {

		Progress read(long instanceId, long executionId);

	}

}
