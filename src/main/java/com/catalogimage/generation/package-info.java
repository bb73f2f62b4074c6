/**
 * Generating one product's image: cache lookup, the rate-limited and retried provider call, cost, and the gate that
 * stops every worker from calling once the job is ending.
 */
@NullMarked
package com.catalogimage.generation;

import org.jspecify.annotations.NullMarked;
