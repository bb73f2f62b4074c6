package com.catalogimage.batchmode;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads {@link BatchTotals} from {@code provider_batch}, read-only, in one aggregate over the instance's batches
 * (through the index on instance and state), cheap enough for the progress line every few seconds.
 * <p>
 * A batch's outcome is its {@code state} once the provider ended it: {@code SUCCEEDED}, {@code EXPIRED},
 * {@code CANCELLED} or {@code FAILED}. That the job has read its results is {@code harvested_at}, kept apart so the
 * outcome is never overwritten.
 * An intent the job closed without the provider ever naming it (its create given up) is {@code NOT_SUBMITTED}.
 */
public class BatchTotalsQuery {

	/**
	 * The order states are listed in: the job's intent, the provider's states as a batch goes through them, the
	 * terminal ones, then an intent never submitted. A state not named here follows them, in the order of its name.
	 */
	public static final List<String> STATE_ORDER = List.of("INTENT", "PENDING", "RUNNING", "CANCELLING", "SUCCEEDED",
			"FAILED", "CANCELLED", "EXPIRED", "NOT_SUBMITTED");

	/** Per state: batches, those the provider named, their duplicate outputs and what those cost. */
	private static final String TOTALS = """
			select case when state = 'INTENT' and harvested_at is not null then 'NOT_SUBMITTED' else state end,
			       count(*), coalesce(sum(case when provider_name is not null then 1 else 0 end), 0),
			       coalesce(sum(duplicates), 0), coalesce(sum(duplicate_cost_usd), 0)
			  from provider_batch where job_instance_id = ?
			 group by case when state = 'INTENT' and harvested_at is not null then 'NOT_SUBMITTED' else state end""";

	private final JdbcTemplate jdbc;

	public BatchTotalsQuery(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public BatchTotals totals(long jobInstanceId) {
		Map<String, Long> byState = new HashMap<>();
		long[] counts = new long[2];
		BigDecimal[] duplicateCost = { BigDecimal.ZERO };
		this.jdbc.query(TOTALS, rs -> {
			byState.put(rs.getString(1), rs.getLong(2));
			counts[0] += rs.getLong(3);
			counts[1] += rs.getLong(4);
			BigDecimal cost = rs.getBigDecimal(5);
			duplicateCost[0] = duplicateCost[0].add(cost == null ? BigDecimal.ZERO : cost);
		}, jobInstanceId);
		if (byState.isEmpty()) {
			return BatchTotals.NONE;
		}
		return new BatchTotals(ordered(byState), counts[0], byState.getOrDefault("SUCCEEDED", 0L),
				byState.getOrDefault("EXPIRED", 0L), byState.getOrDefault("CANCELLED", 0L),
				byState.getOrDefault("FAILED", 0L), counts[1], duplicateCost[0]);
	}

	private static Map<String, Long> ordered(Map<String, Long> byState) {
		Map<String, Long> ordered = new LinkedHashMap<>();
		for (String state : STATE_ORDER) {
			Long count = byState.get(state);
			if (count != null) {
				ordered.put(state, count);
			}
		}
		byState.keySet().stream().filter(state -> !STATE_ORDER.contains(state)).sorted()
			.forEach(state -> ordered.put(state, byState.get(state)));
		return ordered;
	}

}
