package com.catalogimage.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.catalogimage.image.TypicalLatency;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the built-in simulator behaves. Latencies are the providers' typical ones multiplied by {@code timeScale}, so
 * demos and tests take seconds while keeping the shape (lognormal, heavier for larger sizes). The request limits
 * ({@code serverRpm}, {@code serverRpd}) are counted in real wall-clock time, not scaled: a client that keeps to its
 * configured rpm must never see the server's 429.
 *
 * @param port port to listen on (0 picks a free one); the simulator binds 127.0.0.1 only
 * @param timeScale factor applied to every simulated latency (and to the retry hint of injected 429s)
 * @param latencyMedians median service time per size before scaling, overriding {@link #TYPICAL_MEDIANS}
 * @param latencyMedian when set, one median for every size (before scaling), e.g. for benchmarks
 * @param latencySigma sigma of the lognormal latency
 * @param seed seed of the latency and fault dice, so runs are reproducible
 * @param payload {@code small} (a cheap image showing the product, in the format the model answers) or
 * {@code realistic} (bodies of real size)
 * @param render how the {@code small} payload is rendered: {@link #RENDER_PER_REQUEST} (each answer shows its own
 * product's name) or {@link #RENDER_ONCE} (one picture per format and dimensions, served from memory, so that a
 * benchmark running the simulator in its own JVM does not measure the simulator's rendering); {@code realistic}
 * bodies are always rendered once
 * @param apiKey when set, requests must carry this key, else they get the provider's invalid-key answer
 * @param clientKey the key the job sends to the simulator (simulation only: real keys come from the environment)
 * @param wire the wire format {@code --provider simulator} talks: {@code gemini} or {@code openai} (the server
 * answers both)
 * @param serverRpm requests per sliding minute the server admits (0 = unlimited); more get the provider's 429
 * @param serverRpd requests the server admits in all (a daily quota that never resets while it runs; 0 = unlimited)
 * @param serverWindow the sliding window {@code serverRpm} is counted over; shorter than a minute it admits
 * {@code serverRpm × window / 60 s} requests per window, so tests cross many window edges in seconds
 * @param faults injected failures
 * @param batch the provider Batch APIs: queue delay, limits and their failures
 */
@ConfigurationProperties("imagebatch.simulator")
public record SimulatorProperties(@DefaultValue("0") int port, @DefaultValue("0.03") double timeScale,
		@DefaultValue Map<String, Duration> latencyMedians, @Nullable Duration latencyMedian,
		@DefaultValue("0.5") double latencySigma, @DefaultValue("42") long seed, @DefaultValue("small") String payload,
		@Nullable String apiKey, @Nullable String clientKey, @DefaultValue("gemini") String wire,
		@DefaultValue("0") int serverRpm, @DefaultValue("0") int serverRpd, @DefaultValue Faults faults,
		@DefaultValue("60s") Duration serverWindow, @DefaultValue Batch batch,
		@DefaultValue(SimulatorProperties.RENDER_PER_REQUEST) String render) {

	/** {@link #render()}: a new picture for every answer, showing the product's name. */
	public static final String RENDER_PER_REQUEST = "per-request";

	/** {@link #render()}: one picture per format and dimensions, rendered on first use and served from memory. */
	public static final String RENDER_ONCE = "once";

	/**
	 * Typical provider medians per size: Gemini answers a 1K image in about 13 s (typical, not documented); the
	 * other sizes scale with the pixels to encode.
	 */
	public static final Map<String, Duration> TYPICAL_MEDIANS = TypicalLatency.BY_SIZE;

	/** The mean of the scaled lognormal latency at a size: median × e^(σ²/2). */
	public Duration scaledMean(String size) {
		return Duration.ofNanos(Math.round(scaledMedian(size).toNanos() * Math.exp(this.latencySigma * this.latencySigma / 2)));
	}

	public SimulatorProperties {
		if (!"small".equals(payload) && !"realistic".equals(payload)) {
			throw new IllegalArgumentException("imagebatch.simulator.payload must be small or realistic, not " + payload);
		}
		if (!RENDER_PER_REQUEST.equals(render) && !RENDER_ONCE.equals(render)) {
			throw new IllegalArgumentException("imagebatch.simulator.render must be " + RENDER_PER_REQUEST + " or "
					+ RENDER_ONCE + ", not " + render);
		}
		if (!"gemini".equals(wire) && !"openai".equals(wire)) {
			throw new IllegalArgumentException("imagebatch.simulator.wire must be gemini or openai, not " + wire);
		}
	}

	/**
	 * Failures injected by configuration. Rates are probabilities from 0 to 1, drawn from dice seeded by the seed, the
	 * prompt and the attempt number, so the same catalog meets the same failures in every run.
	 *
	 * @param rate429 share of requests answered 429 (with RetryInfo / retry-after)
	 * @param rate500 share answered 500 INTERNAL
	 * @param rate503 share answered 503 "The model is overloaded"
	 * @param rateTimeout share held open for {@code timeoutDelay} before any answer
	 * @param rateTruncated share whose 200 body is cut off midway
	 * @param rateMalformed share answered 200 with invalid JSON
	 * @param rateNoImage share answered 200 without an image (finishReason NO_IMAGE, or text only)
	 * @param timeoutDelay how long a timed-out request is held: longer than any client timeout
	 * @param retryDelay the retry hint of injected 429s, before scaling by the time scale
	 * @param blockWord prompts containing it get a safety block
	 * @param blankWord prompts containing it get a valid but uniform (blank) image
	 * @param systemicAfter after this many requests every request fails with {@code systemicStatus} (-1 = never)
	 * @param systemicStatus {@code 401}, {@code 403}, {@code 404} or {@code key-invalid}
	 */
	public record Faults(@DefaultValue("0") double rate429, @DefaultValue("0") double rate500,
			@DefaultValue("0") double rate503, @DefaultValue("0") double rateTimeout,
			@DefaultValue("0") double rateTruncated, @DefaultValue("0") double rateMalformed,
			@DefaultValue("0") double rateNoImage, @DefaultValue("10m") Duration timeoutDelay,
			@DefaultValue("20s") Duration retryDelay, @Nullable String blockWord, @Nullable String blankWord,
			@DefaultValue("-1") int systemicAfter, @DefaultValue("401") String systemicStatus) {
	}

	/**
	 * The simulated Batch APIs (Gemini {@code batchGenerateContent}, OpenAI {@code /v1/batches}). Durations are
	 * simulated, scaled by {@code timeScale} like the latencies; shares are probabilities from 0 to 1, drawn from dice
	 * seeded by the seed, so the same batches meet the same faults in every run. The fault switches can be changed
	 * while the simulator runs ({@link SimulatorServer#batchFaults()}).
	 *
	 * @param delay how long a batch takes from its create to its results: PENDING (OpenAI {@code validating}) for
	 * the first half, RUNNING ({@code in_progress}) for the second, its lines done evenly over that half
	 * @param maxConcurrent Gemini batches not yet finished at once per project (the real limit is 100); one more
	 * create is a 429
	 * @param inlineBelow a Gemini file-input batch with fewer requests than this answers inline
	 * ({@code inlinedResponses}) instead of with a {@code responsesFile}, as small ones are reported to; 0 = never
	 * @param stuck share of batches that stay PENDING until they expire (48 h Gemini, 24 h OpenAI, simulated)
	 * @param expire share of batches that expire when they would have finished, having done half their lines: Gemini
	 * returns nothing, OpenAI the lines it completed
	 * @param partialFailure share of lines that fail (Gemini: a line {@code error} INTERNAL; OpenAI: a 500 line in
	 * the error file)
	 * @param duplicates share of delivered keys that get a second output line, billed as well
	 * @param cancelRace share of cancels that come too late: accepted, but the batch still ends SUCCEEDED
	 * (OpenAI: {@code cancelling}, then {@code completed})
	 * @param quota share of creates refused for the enqueued-token quota: a 429 on Gemini; on OpenAI a batch that
	 * fails with {@code token_limit_exceeded}, as the real one does
	 * @param unsupportedModels models not offered for batch: Gemini's model resource lists no
	 * {@code batchGenerateContent} and the create is a 404; an OpenAI batch of them fails validation
	 */
	public record Batch(@DefaultValue("10m") Duration delay, @DefaultValue("100") int maxConcurrent,
			@DefaultValue("0") int inlineBelow, @DefaultValue("0") double stuck, @DefaultValue("0") double expire,
			@DefaultValue("0") double partialFailure, @DefaultValue("0") double duplicates,
			@DefaultValue("0") double cancelRace, @DefaultValue("0") double quota,
			@DefaultValue List<String> unsupportedModels) {

		public Batch {
			if (delay.isNegative()) {
				throw new IllegalArgumentException("imagebatch.simulator.batch.delay must not be negative, not " + delay);
			}
			unsupportedModels = List.copyOf(unsupportedModels);
		}

	}

	/** The median for a size after scaling. */
	public Duration scaledMedian(String size) {
		Duration base = this.latencyMedian != null ? this.latencyMedian
				: this.latencyMedians.getOrDefault(size, TYPICAL_MEDIANS.getOrDefault(size, Duration.ofSeconds(13)));
		return scaled(base);
	}

	/** A simulated duration after scaling. */
	public Duration scaled(Duration simulated) {
		return Duration.ofNanos(Math.round(simulated.toNanos() * this.timeScale));
	}

}
