package com.catalogimage.support;

import java.time.Duration;
import java.util.List;

import com.catalogimage.provider.ProviderHttp;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.provider.SecretRedactor;
import com.catalogimage.provider.gemini.GeminiImageClient;
import com.catalogimage.provider.openai.OpenAiImageClient;
import org.springframework.util.unit.DataSize;

/** Provider clients as the application builds them, pointed at a test server. */
public final class Clients {

	private Clients() {
	}

	public static GeminiImageClient gemini(String baseUrl, String key) {
		return gemini(baseUrl, key, Duration.ofSeconds(20));
	}

	public static GeminiImageClient gemini(String baseUrl, String key, Duration readTimeout) {
		ProviderProperties properties = properties("gemini", readTimeout);
		return new GeminiImageClient(http(properties), baseUrl, () -> key, properties, redactor(key));
	}

	public static OpenAiImageClient openai(String baseUrl, String key) {
		return openai(baseUrl, key, Duration.ofSeconds(20));
	}

	public static OpenAiImageClient openai(String baseUrl, String key, Duration readTimeout) {
		ProviderProperties properties = properties("openai", readTimeout);
		return new OpenAiImageClient(http(properties), baseUrl, () -> key, properties, redactor(key));
	}

	private static ProviderProperties properties(String name, Duration readTimeout) {
		return new ProviderProperties(name, null, "unused", "1K", "1:1", Duration.ofSeconds(5), readTimeout, readTimeout,
				DataSize.ofMegabytes(64), new ProviderProperties.Endpoint(null, null),
				new ProviderProperties.Endpoint(null, null), java.util.Map.of());
	}

	private static ProviderHttp http(ProviderProperties properties) {
		return new ProviderHttp(ProviderHttp.newClient(properties.connectTimeout()), properties.maxBodySize().toBytes());
	}

	private static SecretRedactor redactor(String key) {
		return new SecretRedactor(key == null ? List.of() : List.of(key));
	}

}
