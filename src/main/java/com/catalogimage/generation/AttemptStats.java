package com.catalogimage.generation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the attempts for one product cost in calls and time.
 *
 * @param attempts calls made (first and retries)
 * @param attemptsUnknown calls whose outcome is unknown (timed out or cut after sending): possibly billed
 * @param http429 calls answered 429
 * @param rateWaitNanos time spent waiting for rate-limit permits
 * @param retryWaitNanos time spent in backoff between attempts
 * @param apiLatencyNanos duration of the last successful call, or 0
 * @param firstAttemptAt when the first attempt started, or null when no call was made
 */
record AttemptStats(int attempts, int attemptsUnknown, int http429, long rateWaitNanos, long retryWaitNanos,
		long apiLatencyNanos, @Nullable Instant firstAttemptAt) {

	public static final AttemptStats NONE = new AttemptStats(0, 0, 0, 0, 0, 0, null);

}
