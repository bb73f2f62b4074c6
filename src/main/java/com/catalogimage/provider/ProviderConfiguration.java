package com.catalogimage.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.catalogimage.provider.gemini.GeminiBatchClient;
import com.catalogimage.provider.gemini.GeminiImageClient;
import com.catalogimage.provider.openai.OpenAiBatchClient;
import com.catalogimage.provider.openai.OpenAiImageClient;
import com.catalogimage.simulator.SimulatorProperties;
import com.catalogimage.simulator.SimulatorServer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the provider client. With {@code --provider simulator} the client of the simulator's configured wire format
 * ({@code imagebatch.simulator.wire}: Gemini or OpenAI) is pointed at the simulator the simulator package started on
 * loopback; otherwise the client talks to the configured base URL with the key from the environment variable named in
 * the configuration. {@code --provider simulator --base-url URL} uses a simulator that already runs (the
 * {@code simulate} command, or one a test started and controls), still without a key from the environment.
 */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {


	@Bean
	ApiKeys apiKeys(ProviderProperties provider, SimulatorProperties simulator) {
		return new ApiKeys(provider, simulator);
	}

	@Bean
	SecretRedactor secretRedactor(ApiKeys keys) {
		List<String> secrets = new ArrayList<>();
		String key = keys.key();
		if (key != null) {
			secrets.add(key);
		}
		return new SecretRedactor(secrets);
	}

	@Bean
	InFlightExchanges inFlightExchanges() {
		return new InFlightExchanges();
	}

	@Bean
	ImageClient imageClient(ProviderProperties provider, SimulatorProperties simulatorProperties,
			ObjectProvider<SimulatorServer> simulator, ApiKeys keys, SecretRedactor redactor,
			InFlightExchanges inFlight) {
		ProviderHttp http = http(provider, inFlight);
		String baseUrl = baseUrl(provider, simulator.getIfAvailable());
		return switch (wire(provider, simulatorProperties)) {
			case "gemini" -> new GeminiImageClient(http, baseUrl, keys::key, provider, redactor);
			case "openai" -> new OpenAiImageClient(http, baseUrl, keys::key, provider, redactor);
			default -> throw unknownProvider(provider);
		};
	}

	/** The provider's Batch API, on the same wire format, base URL and key as the synchronous client. */
	@Bean
	BatchImageClient batchImageClient(ProviderProperties provider, SimulatorProperties simulatorProperties,
			ObjectProvider<SimulatorServer> simulator, ApiKeys keys, SecretRedactor redactor,
			InFlightExchanges inFlight) {
		ProviderHttp http = http(provider, inFlight);
		String baseUrl = baseUrl(provider, simulator.getIfAvailable());
		return switch (wire(provider, simulatorProperties)) {
			case "gemini" -> new GeminiBatchClient(http, baseUrl, keys::key, provider, redactor);
			case "openai" -> new OpenAiBatchClient(http, baseUrl, keys::key, provider, redactor);
			default -> throw unknownProvider(provider);
		};
	}

	private static ProviderHttp http(ProviderProperties provider, InFlightExchanges inFlight) {
		return new ProviderHttp(ProviderHttp.newClient(provider.connectTimeout()), provider.maxBodySize().toBytes(),
				inFlight);
	}

	private static String wire(ProviderProperties provider, SimulatorProperties simulator) {
		return provider.isSimulator() ? simulator.wire() : provider.name();
	}

	private static IllegalArgumentException unknownProvider(ProviderProperties provider) {
		return new IllegalArgumentException(
				"unknown provider '" + provider.name() + "': expected simulator, gemini or openai");
	}

	static String baseUrl(ProviderProperties provider, @Nullable SimulatorServer simulator) {
		if (provider.baseUrl() != null && !provider.baseUrl().isBlank()) {
			return provider.baseUrl();
		}
		if (provider.isSimulator()) {
			if (simulator == null) {
				throw new IllegalStateException("the simulator is not running");
			}
			return simulator.baseUrl();
		}
		ProviderProperties.Endpoint endpoint = "openai".equals(provider.name()) ? provider.openai() : provider.gemini();
		return Objects.requireNonNull(endpoint.baseUrl(), "imagebatch.provider base-url");
	}

}
