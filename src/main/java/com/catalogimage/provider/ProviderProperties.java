package com.catalogimage.provider;

import java.time.Duration;
import java.util.Map;

import com.catalogimage.image.ImageSize;
import com.catalogimage.image.TypicalLatency;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Which provider to call and how.
 *
 * @param name {@code simulator} (the built-in fake, in the wire format {@code imagebatch.simulator.wire} names),
 * {@code gemini} or {@code openai} (OpenAI's images API or a relay with its shape)
 * @param baseUrl overrides the selected provider's base URL (e.g. a relay); empty for the provider's default
 * @param model model id, part of the job identity and of each image's fingerprint
 * @param size default output size for rows that set none
 * @param aspectRatio default aspect ratio for rows that set none
 * @param connectTimeout TCP connect timeout
 * @param readTimeout longest wait for a whole answer up to 2K
 * @param readTimeout4k longest wait for a whole 4K answer
 * @param maxBodySize a response body larger than this aborts the call as an item error
 * @param gemini Gemini API settings; what it leaves unset is {@link #GEMINI}'s
 * @param openai OpenAI-compatible API settings; what it leaves unset is {@link #OPENAI}'s
 * @param typicalLatency a typical call's duration per size, for estimates (default {@link #TYPICAL_LATENCY})
 * @param batchTransferTimeout longest upload of a batch input file or download of a batch result file (a result of
 * 2,000 4K images is about 40 GB); a download cut by it is read again from the next line
 */
@ConfigurationProperties("imagebatch.provider")
public record ProviderProperties(@DefaultValue("simulator") String name, @Nullable String baseUrl,
		@DefaultValue("gemini-3.1-flash-image-preview") String model, @DefaultValue("1K") String size,
		@DefaultValue("1:1") String aspectRatio, @DefaultValue("10s") Duration connectTimeout,
		@DefaultValue("300s") Duration readTimeout, @DefaultValue("600s") Duration readTimeout4k,
		@DefaultValue("64MB") DataSize maxBodySize, @DefaultValue Endpoint gemini, @DefaultValue Endpoint openai,
		@DefaultValue Map<String, Duration> typicalLatency, @DefaultValue("2h") Duration batchTransferTimeout) {

	/** Google's Gemini API and the variable its key is read from. */
	public static final Endpoint GEMINI = new Endpoint("https://generativelanguage.googleapis.com", "GEMINI_API_KEY");

	/** OpenAI's API (or a relay with its shape, given as {@code base-url}) and the variable its key is read from. */
	public static final Endpoint OPENAI = new Endpoint("https://api.openai.com", "OPENAI_API_KEY");

	public ProviderProperties {
		gemini = gemini.orElse(GEMINI);
		openai = openai.orElse(OPENAI);
	}

	/** Gemini image calls take about 13 s at 1K (docs/image-api-contract.md); larger sizes take longer. */
	public static final Map<String, Duration> TYPICAL_LATENCY = TypicalLatency.BY_SIZE;

	/** The typical duration of one call at a size. */
	public Duration typicalLatency(String size) {
		return this.typicalLatency.getOrDefault(size, TYPICAL_LATENCY.getOrDefault(size, Duration.ofSeconds(13)));
	}

	/**
	 * @param baseUrl the provider's own base URL
	 * @param apiKeyEnv name of the environment variable holding the key (the key itself is never configured in files)
	 */
	public record Endpoint(@Nullable String baseUrl, @Nullable String apiKeyEnv) {

		/** This endpoint, with what it leaves unset (or blank) taken from {@code defaults}. */
		Endpoint orElse(Endpoint defaults) {
			return new Endpoint(isSet(this.baseUrl) ? this.baseUrl : defaults.baseUrl,
					isSet(this.apiKeyEnv) ? this.apiKeyEnv : defaults.apiKeyEnv);
		}

		private static boolean isSet(@Nullable String value) {
			return value != null && !value.isBlank();
		}

	}

	public Duration readTimeoutFor(ImageSize size) {
		return size == ImageSize.K4 ? this.readTimeout4k : this.readTimeout;
	}

	public boolean isSimulator() {
		return "simulator".equals(this.name);
	}

}
