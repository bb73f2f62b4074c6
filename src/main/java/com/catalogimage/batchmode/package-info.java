/**
 * Batch mode: the {@code batch} step between staging and generating, which buys the pending products' images through
 * the provider's Batch API at the batch price (submitted in shards, polled, harvested line by line through the
 * generate step's own cache, quality gate and writer), and in {@code auto} mode switches to synchronous generation
 * when the time left to the deadline only just covers it. What a batch did not deliver stays PENDING for the generate
 * step. What the reports read of the batches is {@link com.catalogimage.batchmode.BatchTotalsQuery}. See
 * docs/ARCHITECTURE.md, "Batch mode".
 */
@NullMarked
package com.catalogimage.batchmode;

import org.jspecify.annotations.NullMarked;
