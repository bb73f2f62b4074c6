package com.catalogimage.report;

import java.math.BigDecimal;
import java.util.Map;

/**
 * How far a job instance is, as the progress line shows it.
 *
 * @param total products of the instance
 * @param pending products still waiting
 * @param imagesNow images (generated or cached) saved by the running execution
 * @param spentUsd known cost so far over the instance, the duplicate outputs of its batches included
 * @param http429 calls answered 429 so far over the instance
 * @param batches the instance's provider batches per state, in the order they go through them; empty when it has
 * none
 */
record Progress(long total, long pending, long imagesNow, BigDecimal spentUsd, long http429,
		Map<String, Long> batches) {

	/** The progress of an instance without provider batches. */
	Progress(long total, long pending, long imagesNow, BigDecimal spentUsd, long http429) {
		this(total, pending, imagesNow, spentUsd, http429, Map.of());
	}

	public long done() {
		return this.total - this.pending;
	}

	/** Reads the progress of a running instance; must be cheap, it runs every few seconds. */
	@FunctionalInterface
	public interface Source {

		Progress read(long instanceId, long executionId);

	}

}
