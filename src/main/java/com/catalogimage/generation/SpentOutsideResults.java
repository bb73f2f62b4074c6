package com.catalogimage.generation;

import java.math.BigDecimal;
import java.util.List;

import com.catalogimage.storage.ResultRepository;

/**
 * Money a run spent that neither its result rows nor the attempt journal price: a provider batch's duplicate outputs
 * (a second output for one key, a late result, a line without a key) are billed but become no product's image. The
 * {@code --max-cost} budget counts them as spent; a feature that can spend such money provides one as a bean.
 */
@FunctionalInterface
public interface SpentOutsideResults {

	/** What the job instance spent this way, in USD, over all its executions. */
	BigDecimal spent(long jobInstanceId);

	/**
	 * The job instance's known cost over all its executions: its result rows' cost and what was billed outside them,
	 * as {@code status} and the report show it. The {@code --max-cost} budget adds the calls no row prices.
	 */
	static BigDecimal knownCost(long jobInstanceId, ResultRepository results,
			List<SpentOutsideResults> spentElsewhere) {
		BigDecimal cost = results.recordedCost(jobInstanceId);
		for (SpentOutsideResults elsewhere : spentElsewhere) {
			cost = cost.add(elsewhere.spent(jobInstanceId));
		}
		return cost;
	}

}
