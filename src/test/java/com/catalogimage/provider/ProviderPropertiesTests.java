package com.catalogimage.provider;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderPropertiesTests {

	@Test
	void theProvidersOwnEndpointsAreTheRecordsDefaults() {
		ProviderProperties properties = bind(Map.of());
		assertThat(properties.gemini())
			.isEqualTo(new ProviderProperties.Endpoint("https://generativelanguage.googleapis.com", "GEMINI_API_KEY"));
		assertThat(properties.openai())
			.isEqualTo(new ProviderProperties.Endpoint("https://api.openai.com", "OPENAI_API_KEY"));
	}

	@Test
	void aProfileThatSetsHalfAnEndpointKeepsTheOtherHalfsDefault() {
		ProviderProperties properties = bind(Map.of("imagebatch.provider.openai.base-url", "https://relay.example",
				"imagebatch.provider.gemini.api-key-env", "MY_GEMINI_KEY", "imagebatch.provider.gemini.base-url", " "));
		assertThat(properties.openai())
			.isEqualTo(new ProviderProperties.Endpoint("https://relay.example", "OPENAI_API_KEY"));
		assertThat(properties.gemini())
			.isEqualTo(new ProviderProperties.Endpoint("https://generativelanguage.googleapis.com", "MY_GEMINI_KEY"));
	}

	private static ProviderProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("imagebatch.provider",
				ProviderProperties.class);
	}

}
