package com.catalogimage.job;

import java.util.ArrayList;
import java.util.List;

import com.catalogimage.provider.ImageClient;
import com.catalogimage.provider.InFlightExchanges;
import com.catalogimage.provider.ProviderHttp;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.provider.SecretRedactor;
import com.catalogimage.provider.gemini.GeminiImageClient;
import com.catalogimage.simulator.SimulatorProperties;
import com.catalogimage.simulator.SimulatorServer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the provider client. With {@code --provider simulator} the built-in simulator is started on loopback and the
 * Gemini client pointed at it; otherwise the client talks to the configured base URL with the key from the
 * environment variable named in the configuration.
 */
@Configuration(proxyBeanMethods = false)
public class ProviderClientConfiguration {

	static final String GEMINI_BASE_URL = "https://generativelanguage.googleapis.com";

	/** The in-process simulator, unless {@code --base-url} points the run at one already running. */
	@Bean(destroyMethod = "close")
	@ConditionalOnExpression("'${imagebatch.provider.name:simulator}' == 'simulator' and '${imagebatch.provider.base-url:}' == ''")
	SimulatorServer simulatorServer(SimulatorProperties properties) {
		return SimulatorServer.start(properties);
	}

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
	ImageClient imageClient(ProviderProperties provider, ObjectProvider<SimulatorServer> simulator, ApiKeys keys,
			SecretRedactor redactor, InFlightExchanges inFlight) {
		ProviderHttp http = new ProviderHttp(ProviderHttp.newClient(provider.connectTimeout()),
				provider.maxBodySize().toBytes(), inFlight);
		String baseUrl = baseUrl(provider, simulator.getIfAvailable());
		return switch (provider.name()) {
			case "simulator", "gemini" -> new GeminiImageClient(http, baseUrl, keys::key, provider, redactor);
			default -> throw new IllegalArgumentException(
					"unknown provider '" + provider.name() + "': expected simulator or gemini");
		};
	}

	static String baseUrl(ProviderProperties provider, @Nullable SimulatorServer simulator) {
		if (provider.isSimulator()) {
			if (provider.baseUrl() != null && !provider.baseUrl().isBlank()) {
				return provider.baseUrl();
			}
			if (simulator == null) {
				throw new IllegalStateException("the simulator is not running");
			}
			return simulator.baseUrl();
		}
		if (provider.baseUrl() != null && !provider.baseUrl().isBlank()) {
			return provider.baseUrl();
		}
		String configured = provider.gemini().baseUrl();
		return configured != null && !configured.isBlank() ? configured : GEMINI_BASE_URL;
	}

}
