/**
 * The job's shape: stage, partitioned generate, report; the shared feed and the slot partitioner that keep every
 * worker busy, the skip policy, the job's identity and the wiring of the provider client.
 */
@NullMarked
package com.catalogimage.job;

import org.jspecify.annotations.NullMarked;
