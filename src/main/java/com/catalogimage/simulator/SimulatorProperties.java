package com.catalogimage.simulator;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the built-in simulator behaves. Latencies are the providers' typical ones multiplied by {@code timeScale}, so
 * demos and tests take seconds while keeping the shape (lognormal, heavier for larger sizes).
 *
 * @param port port to listen on (0 picks a free one); the simulator binds 127.0.0.1 only
 * @param timeScale factor applied to every simulated latency
 * @param latencyMedians median service time per size before scaling, overriding {@link #TYPICAL_MEDIANS}
 * @param latencyMedian when set, one median for every size (before scaling), e.g. for benchmarks
 * @param latencySigma sigma of the lognormal latency
 * @param seed seed of the latency and fault dice, so runs are reproducible
 * @param payload {@code small} (a cheap PNG showing the product) or {@code realistic} (bodies of real size)
 * @param apiKey when set, requests must carry this key, else they get the provider's invalid-key answer
 * @param clientKey the key the job sends to the simulator (simulation only: real keys come from the environment)
 */
@ConfigurationProperties("imagebatch.simulator")
public record SimulatorProperties(@DefaultValue("0") int port, @DefaultValue("0.03") double timeScale,
		@DefaultValue Map<String, Duration> latencyMedians,
		@Nullable Duration latencyMedian, @DefaultValue("0.5") double latencySigma, @DefaultValue("42") long seed,
		@DefaultValue("small") String payload, @Nullable String apiKey, @Nullable String clientKey) {

	/**
	 * Typical provider medians per size: Gemini answers a 1K image in about 13 s (docs/image-api-contract.md); the
	 * other sizes scale with the pixels to encode.
	 */
	public static final Map<String, Duration> TYPICAL_MEDIANS = com.catalogimage.provider.ProviderProperties.TYPICAL_LATENCY;

	/** The mean of the scaled lognormal latency at a size: median × e^(σ²/2). */
	public Duration scaledMean(String size) {
		return Duration.ofNanos(Math.round(scaledMedian(size).toNanos() * Math.exp(this.latencySigma * this.latencySigma / 2)));
	}

	/** The median for a size after scaling. */
	public Duration scaledMedian(String size) {
		Duration base = this.latencyMedian != null ? this.latencyMedian
				: this.latencyMedians.getOrDefault(size, TYPICAL_MEDIANS.getOrDefault(size, Duration.ofSeconds(13)));
		return Duration.ofNanos(Math.round(base.toNanos() * this.timeScale));
	}

}
