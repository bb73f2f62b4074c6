package com.catalogimage.batchmode;

import com.catalogimage.generation.GenerationProperties;
import com.catalogimage.provider.ProviderProperties;

/**
 * Builds the {@link SyncFinishEstimate} of the configured provider, model and pace, for the batch step's switch and
 * for {@code estimate}'s latest safe switch time.
 */
public final class SyncFinishEstimator {

	private final SyncLatencies latencies;

	private final GenerationProperties generation;

	private final ProviderProperties provider;

	private final BatchModeProperties batch;

	SyncFinishEstimator(SyncLatencies latencies, GenerationProperties generation, ProviderProperties provider,
			BatchModeProperties batch) {
		this.latencies = latencies;
		this.generation = generation;
		this.provider = provider;
		this.batch = batch;
	}

	/** The estimate for {@code remaining} products of the given size (the run's default size when rows set none). */
	public SyncFinishEstimate estimate(long remaining, String size) {
		SyncLatencies.Percentiles tail = this.latencies.of(this.provider.name(), this.provider.model(), size);
		return new SyncFinishEstimate(remaining, this.generation.rpm(), this.generation.concurrency(), tail.p90(),
				tail.p99(), this.batch.switchMargin(), this.batch.poll());
	}

	/** The estimate for the run's default size. */
	public SyncFinishEstimate estimate(long remaining) {
		return estimate(remaining, this.provider.size());
	}

}
