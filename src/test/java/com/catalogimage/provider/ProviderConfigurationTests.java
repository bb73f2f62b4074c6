package com.catalogimage.provider;

import com.catalogimage.provider.gemini.GeminiBatchClient;
import com.catalogimage.provider.gemini.GeminiImageClient;
import com.catalogimage.provider.openai.OpenAiBatchClient;
import com.catalogimage.provider.openai.OpenAiImageClient;
import com.catalogimage.simulator.SimulatorProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class, ProviderConfiguration.class);

	@Test
	void theBatchClientSpeaksTheSameWireFormatAsTheSynchronousOne() {
		this.runner.withPropertyValues("imagebatch.provider.name=gemini").run(context -> {
			assertThat(context.getBean(ImageClient.class)).isInstanceOf(GeminiImageClient.class);
			assertThat(context.getBean(BatchImageClient.class)).isInstanceOf(GeminiBatchClient.class);
		});
		this.runner.withPropertyValues("imagebatch.provider.name=openai").run(context -> {
			assertThat(context.getBean(ImageClient.class)).isInstanceOf(OpenAiImageClient.class);
			assertThat(context.getBean(BatchImageClient.class)).isInstanceOf(OpenAiBatchClient.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ ProviderProperties.class, SimulatorProperties.class })
	static class Properties {

	}

}
