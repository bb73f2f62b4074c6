package com.catalogimage.generation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How hard to drive the provider.
 *
 * @param concurrency calls in flight at most; also the number of partition workers
 * @param rpm requests per minute allowed by the shared rate limiter (retries included)
 * @param burst permits handed out together; 0 means {@code rpm / 60}, i.e. a refresh every second
 * @param chunkSize products per worker transaction; bounds the calls a crash can repeat (the cache then makes them
 * free)
 * @param maxAttempts attempts per product, first call included
 * @param backoffBase base of the exponential backoff between attempts
 * @param backoffCap longest backoff between attempts (a server's retry hint may ask for longer)
 * @param skipLimit products that may be skipped before the job fails; negative for 5 % of the catalog, at least 10
 */
@ConfigurationProperties("imagebatch.generation")
public record GenerationProperties(@DefaultValue("8") int concurrency, @DefaultValue("600") int rpm,
		@DefaultValue("0") int burst, @DefaultValue("1") int chunkSize, @DefaultValue("5") int maxAttempts,
		@DefaultValue("2s") Duration backoffBase, @DefaultValue("60s") Duration backoffCap,
		@DefaultValue("-1") long skipLimit) {

	public GenerationProperties {
		if (concurrency < 1) {
			throw new IllegalArgumentException("concurrency must be at least 1");
		}
		if (rpm < 1) {
			throw new IllegalArgumentException("rpm must be at least 1");
		}
		if (chunkSize < 1) {
			throw new IllegalArgumentException("chunk-size must be at least 1");
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("max-attempts must be at least 1");
		}
	}

}
