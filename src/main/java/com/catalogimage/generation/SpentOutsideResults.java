package com.catalogimage.generation;

import java.math.BigDecimal;

/**
 * Money a run spent that neither its result rows nor the attempt journal price: a provider batch's duplicate outputs
 * (a second output for one key, a late result, a line without a key) are billed but become no product's image. The
 * {@code --max-cost} budget counts them as spent; a feature that can spend such money provides one as a bean.
 */
@FunctionalInterface
public interface SpentOutsideResults {

	/** What the job instance spent this way, in USD, over all its executions. */
	BigDecimal spent(long jobInstanceId);

}
