package com.catalogimage.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.catalogimage.provider.ImageClient;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ProviderFailure;
import com.catalogimage.provider.ProviderHttp;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.provider.SecretRedactor;
import com.catalogimage.provider.gemini.GeminiImageClient;
import com.catalogimage.provider.openai.OpenAiImageClient;
import org.springframework.util.unit.DataSize;

/** Provider clients as the application builds them, pointed at a test server. */
public final class Clients {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

	private static final DataSize MAX_BODY_SIZE = DataSize.ofMegabytes(64);

	private Clients() {
	}

	public static GeminiImageClient gemini(String baseUrl, String key) {
		return gemini(baseUrl, key, READ_TIMEOUT);
	}

	public static GeminiImageClient gemini(String baseUrl, String key, Duration readTimeout) {
		return gemini(baseUrl, key, properties("gemini", readTimeout, MAX_BODY_SIZE));
	}

	public static GeminiImageClient gemini(String baseUrl, String key, DataSize maxBodySize) {
		return gemini(baseUrl, key, properties("gemini", maxBodySize));
	}

	private static GeminiImageClient gemini(String baseUrl, String key, ProviderProperties properties) {
		return new GeminiImageClient(http(properties), baseUrl, () -> key, properties, redactor(key));
	}

	public static OpenAiImageClient openai(String baseUrl, String key) {
		return openai(baseUrl, key, READ_TIMEOUT);
	}

	public static OpenAiImageClient openai(String baseUrl, String key, Duration readTimeout) {
		ProviderProperties properties = properties("openai", readTimeout, MAX_BODY_SIZE);
		return new OpenAiImageClient(http(properties), baseUrl, () -> key, properties, redactor(key));
	}

	/**
	 * Calls {@code client} expecting a provider failure, and returns it for the test to check.
	 *
	 * @throws AssertionError if the call delivers an image
	 */
	public static ProviderFailure failure(ImageClient client, ImageRequest request, Path work) {
		try {
			client.generate(request, work);
		}
		catch (ProviderFailure failure) {
			return failure;
		}
		throw new AssertionError("expected a failure for " + request);
	}

	/**
	 * Settings for a client built by hand (the OpenAI client's constructor with a clock is visible to its own
	 * package only): 20 s read timeouts and the given cap on a response body.
	 */
	public static ProviderProperties properties(String name, DataSize maxBodySize) {
		return properties(name, READ_TIMEOUT, maxBodySize);
	}

	private static ProviderProperties properties(String name, Duration readTimeout, DataSize maxBodySize) {
		return new ProviderProperties(name, null, "unused", "1K", "1:1", Duration.ofSeconds(5), readTimeout, readTimeout,
				maxBodySize, new ProviderProperties.Endpoint(null, null), new ProviderProperties.Endpoint(null, null),
				java.util.Map.of(), Duration.ofMinutes(5));
	}

	public static ProviderHttp http(ProviderProperties properties) {
		return new ProviderHttp(ProviderHttp.newClient(properties.connectTimeout()), properties.maxBodySize().toBytes());
	}

	public static SecretRedactor redactor(String key) {
		return new SecretRedactor(key == null ? List.of() : List.of(key));
	}

}
