/**
 * The job's shape, assembled from what the features expose: stage (catalog), a generate step partitioned over worker
 * slots that all draw from one shared feed (generation), report (report); the run's heartbeat, and the lazy,
 * concurrency-sized connection pool that the chunk steps' transactions need.
 */
@NullMarked
package com.catalogimage.job;

import org.jspecify.annotations.NullMarked;
