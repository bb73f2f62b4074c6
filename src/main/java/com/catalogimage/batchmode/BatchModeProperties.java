package com.catalogimage.batchmode;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a run uses the provider's Batch API.
 *
 * @param mode {@code sync}, {@code batch} or {@code auto}
 * @param deadline when the images are needed by: {@code HH:mm} (the next such time in this machine's zone after the
 * run starts), an ISO instant, or a duration from the start ({@code 6h}, {@code 90m}, {@code PT6H}); required by
 * {@code auto}, refused with {@code batch}
 * @param size products per batch at most (also kept within the provider's limits on one input file)
 * @param poll how often a waiting run asks the provider about its batches
 * @param maxOpenBatches batches of a run not yet ended at once (Gemini allows 100 per project)
 * @param switchMargin share added to the estimated time to finish synchronously before {@code auto} relies on it
 * @param cancelPolls after the switch, polls a cancelled batch gets to reach its final state before its products are
 * left to synchronous calls (a late result then counts as a billed duplicate)
 * @param maxCreateWait the longest a 429's wait hint is honoured before a create is tried again
 */
@ConfigurationProperties("imagebatch.batch")
public record BatchModeProperties(@DefaultValue("sync") String mode, @Nullable String deadline,
		@DefaultValue("1000") int size, @DefaultValue("60s") Duration poll,
		@DefaultValue("100") int maxOpenBatches, @DefaultValue("0.25") double switchMargin,
		@DefaultValue("3") int cancelPolls, @DefaultValue("5m") Duration maxCreateWait) {

	public BatchModeProperties {
		BatchMode.of(mode);
		if (size < 1) {
			throw new IllegalArgumentException("imagebatch.batch.size must be at least 1");
		}
		if (poll.isNegative() || poll.isZero()) {
			throw new IllegalArgumentException("imagebatch.batch.poll must be positive");
		}
		if (maxOpenBatches < 1) {
			throw new IllegalArgumentException("imagebatch.batch.max-open-batches must be at least 1");
		}
		if (switchMargin < 0) {
			throw new IllegalArgumentException("imagebatch.batch.switch-margin must not be negative");
		}
	}

	public BatchMode batchMode() {
		return BatchMode.of(this.mode);
	}

}
