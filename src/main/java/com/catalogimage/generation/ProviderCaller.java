package com.catalogimage.generation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.catalogimage.provider.ImageClient;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.provider.SystemicFailure;

/**
 * Calls the provider for one product: a rate-limit permit before every attempt, retries with {@link Backoff} for
 * retryable failures, and the attempt statistics the report shows. Retry lives here, around the call, rather than in
 * the step, because it must read the server's delay hint from the typed failure and take a permit per attempt.
 */
public final class ProviderCaller {

	private final ImageClient client;

	private final RequestRateLimiter rateLimiter;

	private final Backoff backoff;

	private final Sleeper sleeper;

	private final Clock clock;

	private final int maxAttempts;

	private final GenerationGate gate;

	public ProviderCaller(ImageClient client, RequestRateLimiter rateLimiter, Backoff backoff, Sleeper sleeper,
			Clock clock, int maxAttempts, GenerationGate gate) {
		this.client = client;
		this.gate = gate;
		this.rateLimiter = rateLimiter;
		this.backoff = backoff;
		this.sleeper = sleeper;
		this.clock = clock;
		this.maxAttempts = maxAttempts;
	}

	/**
	 * @throws ProductSkippedException for item-level failures and exhausted retries
	 * @throws SystemicFailure when the job must end
	 * @throws CallAbandonedException when another worker closed the gate before this product's next attempt
	 */
	public Delivery call(ImageRequest request, Path workDirectory) {
		Instant firstAttemptAt = null;
		int attempts = 0;
		int unknown = 0;
		int rateLimited = 0;
		long rateWait = 0;
		long retryWait = 0;
		while (true) {
			rateWait += this.rateLimiter.acquire();
			if (!this.gate.isOpen()) {
				throw new CallAbandonedException();
			}
			if (firstAttemptAt == null) {
				firstAttemptAt = this.clock.instant();
			}
			attempts++;
			long start = System.nanoTime();
			try {
				var image = this.client.generate(request, workDirectory);
				return new Delivery(image, new AttemptStats(attempts, unknown, rateLimited, rateWait, retryWait,
						System.nanoTime() - start, firstAttemptAt));
			}
			catch (RetryableFailure failure) {
				unknown += failure.outcomeUnknown() ? 1 : 0;
				rateLimited += failure.rateLimited() ? 1 : 0;
				int limit = failure.maxAttempts() > 0 ? Math.min(failure.maxAttempts(), this.maxAttempts)
						: this.maxAttempts;
				AttemptStats stats = new AttemptStats(attempts, unknown, rateLimited, rateWait, retryWait, 0,
						firstAttemptAt);
				if (attempts >= limit || Thread.currentThread().isInterrupted()) {
					throw new ProductSkippedException("retries-exhausted:" + failure.status(),
							"gave up after " + attempts + " attempts: " + failure.getMessage(), stats, firstAttemptAt,
							failure);
				}
				Duration delay = this.backoff.delay(attempts, failure.retryAfter());
				try {
					this.sleeper.sleep(delay);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new SystemicFailure("interrupted", "interrupted while waiting to retry",
							SystemicFailure.Ending.STOP);
				}
				retryWait += delay.toNanos();
			}
			catch (ItemFailure failure) {
				throw new ProductSkippedException(failure.status(), failure.getMessage(),
						new AttemptStats(attempts, unknown, rateLimited, rateWait, retryWait, 0, firstAttemptAt),
						firstAttemptAt, failure);
			}
		}
	}

}
