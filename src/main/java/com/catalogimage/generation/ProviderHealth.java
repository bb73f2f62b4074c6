package com.catalogimage.generation;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Watches the outcome of recent products after their retries: when more than {@code threshold} of the last
 * {@code window} products failed, the provider is down rather than the products bad, and the job should stop instead
 * of skipping product after product.
 */
final class ProviderHealth {

	private final int window;

	private final int minSamples;

	private final double threshold;

	private final Deque<Boolean> outcomes = new ArrayDeque<>();

	private int failures;

	ProviderHealth(int window, int minSamples, double threshold) {
		this.window = window;
		this.minSamples = minSamples;
		this.threshold = threshold;
	}

	synchronized void succeeded() {
		add(false);
	}

	/** Records a product that exhausted its retries; returns whether the provider now counts as failing. */
	synchronized boolean failed() {
		add(true);
		return this.outcomes.size() >= this.minSamples && this.failures > this.threshold * this.outcomes.size();
	}

	/** A sentence for the job's failure message. */
	synchronized String describe() {
		return "%d of the last %d products failed after all retries".formatted(this.failures, this.outcomes.size());
	}

	private void add(boolean failure) {
		this.outcomes.addLast(failure);
		if (failure) {
			this.failures++;
		}
		if (this.outcomes.size() > this.window && this.outcomes.removeFirst()) {
			this.failures--;
		}
	}

}
