/**
 * Provider Batch API mode: products bought as lines of provider batches at the batch price, with a deadline and a
 * synchronous fallback, and what the reports read of those batches ({@link com.catalogimage.batchmode.BatchTotalsQuery}).
 */
@NullMarked
package com.catalogimage.batchmode;

import org.jspecify.annotations.NullMarked;
