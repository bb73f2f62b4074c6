package com.catalogimage.batchmode;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provider batches of one job instance, as the report and the progress line show them.
 *
 * @param byState batches per {@code provider_batch.state} ({@code INTENT}, the provider's states, {@code NOT_SUBMITTED}
 * for an intent closed without a create, or any other word the job stores), in the order of
 * {@link BatchTotalsQuery#STATE_ORDER}, states without a batch left out
 * @param submitted batches the provider accepted (it answered the create with its name for the batch)
 * @param succeeded batches that ended SUCCEEDED (some of their lines may still have failed)
 * @param expired batches that ended EXPIRED (the provider's window ran out)
 * @param cancelled batches that ended CANCELLED (what they finished before the cancel was still delivered)
 * @param failed batches that ended FAILED as a whole
 * @param duplicates outputs delivered for a product that was already done (a second output for a key, a late success
 * after the switch to sync, a line without a key): billed by the provider, applied to no product
 * @param duplicateCostUsd what those outputs cost at the batch price
 */
public record BatchTotals(Map<String, Long> byState, long submitted, long succeeded, long expired, long cancelled,
		long failed, long duplicates, BigDecimal duplicateCostUsd) {

	/** An instance that used no batch. */
	public static final BatchTotals NONE = new BatchTotals(Map.of(), 0, 0, 0, 0, 0, 0, BigDecimal.ZERO);

	public BatchTotals {
		byState = Collections.unmodifiableMap(new LinkedHashMap<>(byState));
	}

	/** Whether the instance has any batch row, submitted or only intended. */
	public boolean any() {
		return !this.byState.isEmpty();
	}

}
