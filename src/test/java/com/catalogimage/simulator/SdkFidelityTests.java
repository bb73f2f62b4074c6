package com.catalogimage.simulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import com.catalogimage.support.Simulators;
import com.google.genai.Client;
import com.google.genai.errors.ApiException;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.ImageConfig;
import com.google.genai.types.ModalityTokenCount;
import com.google.genai.types.Part;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official SDKs, pointed at the simulator, must read its answers as they read the real providers': the Google Gen
 * AI Java SDK for the Gemini wire and the OpenAI Java SDK for the images wire (both test scope only).
 */
class SdkFidelityTests {

	private static final String KEY = "sim-sdk-key-0123456789";

	@AutoClose
	private SimulatorServer simulator;

	@Test
	void googleGenAiSdkGeneratesAnImageAndReadsItsUsage() throws IOException {
		// given
		this.simulator = Simulators.start("api-key", KEY);
		Client client = Client.builder()
			.apiKey(KEY)
			.httpOptions(HttpOptions.builder().baseUrl(this.simulator.baseUrl()).build())
			.build();
		GenerateContentConfig config = GenerateContentConfig.builder()
			.responseModalities("TEXT", "IMAGE")
			.imageConfig(ImageConfig.builder().aspectRatio("16:9").imageSize("2K").build())
			.build();
		// when
		GenerateContentResponse response = client.models.generateContent("gemini-3.1-flash-image-preview",
				"Studio product photo of a red mug", config);
		// then
		Part image = response.parts()
			.stream()
			.filter(part -> part.inlineData().isPresent() && !part.thought().orElse(false))
			.reduce((first, second) -> second)
			.orElseThrow();
		byte[] jpeg = image.inlineData().get().data().orElseThrow();
		assertThat(image.inlineData().get().mimeType()).hasValue("image/jpeg");
		assertThat(ImageIO.read(new ByteArrayInputStream(jpeg)).getWidth()).isEqualTo(2752);
		assertThat(response.text()).contains("Here is the product image");
		GenerateContentResponseUsageMetadata usage = response.usageMetadata().orElseThrow();
		List<ModalityTokenCount> details = usage.candidatesTokensDetails().orElseThrow();
		assertThat(details).anySatisfy(count -> {
			assertThat(count.modality().orElseThrow().toString()).isEqualTo("IMAGE");
			assertThat(count.tokenCount()).hasValue(1680);
		});
		assertThat(usage.promptTokenCount()).isPresent();
		assertThat(usage.totalTokenCount()).isPresent();
	}

	@Test
	void googleGenAiSdkAskingForTheImageAloneGetsOnePartAndImageOnlyUsage() {
		// given
		this.simulator = Simulators.start();
		Client client = Client.builder()
			.apiKey(KEY)
			.httpOptions(HttpOptions.builder().baseUrl(this.simulator.baseUrl()).build())
			.build();
		GenerateContentConfig config = GenerateContentConfig.builder().responseModalities("IMAGE").build();
		// when
		GenerateContentResponse response = client.models.generateContent("gemini-3.1-flash-image",
				"Studio product photo of a red mug", config);
		// then
		assertThat(response.parts()).singleElement().satisfies(part -> {
			assertThat(part.text()).isEmpty();
			assertThat(part.inlineData().orElseThrow().mimeType()).hasValue("image/jpeg");
			assertThat(part.thoughtSignature()).isPresent();
		});
		GenerateContentResponseUsageMetadata usage = response.usageMetadata().orElseThrow();
		assertThat(usage.candidatesTokensDetails().orElseThrow()).singleElement().satisfies(count -> {
			assertThat(count.modality().orElseThrow().toString()).isEqualTo("IMAGE");
			assertThat(count.tokenCount()).hasValue(1120);
		});
		assertThat(usage.candidatesTokenCount()).hasValue(1392);
	}

	@Test
	void googleGenAiSdkSeesTheQuotaErrorAsTheRealOne() {
		this.simulator = Simulators.start("server-rpm", "1");
		// google-genai 2.0.0 retries 429 with exponential backoff by default (about 20 s here): one attempt only
		Client client = Client.builder()
			.apiKey(KEY)
			.httpOptions(HttpOptions.builder()
				.baseUrl(this.simulator.baseUrl())
				.retryOptions(HttpRetryOptions.builder().attempts(1).build())
				.build())
			.build();
		client.models.generateContent("gemini-2.5-flash-image", "a mug", null);
		assertThatThrownBy(() -> client.models.generateContent("gemini-2.5-flash-image", "a lamp", null))
			.isInstanceOfSatisfying(ApiException.class, error -> {
				assertThat(error.code()).isEqualTo(429);
				assertThat(error.status()).isEqualTo("RESOURCE_EXHAUSTED");
			});
		assertThat(this.simulator.stats().requests()).isEqualTo(2);
	}

	@Test
	void openAiJavaSdkGeneratesAnImageAndReadsItsUsage() throws IOException {
		// given
		this.simulator = Simulators.start("api-key", KEY);
		OpenAIClient client = OpenAIOkHttpClient.builder()
			.apiKey(KEY)
			.baseUrl(this.simulator.baseUrl() + "/v1")
			.maxRetries(0)
			.build();
		// when
		ImagesResponse response = client.images()
			.generate(ImageGenerateParams.builder()
				.model("gpt-image-1")
				.prompt("Studio product photo of a red mug")
				.size(ImageGenerateParams.Size._1024X1536)
				.build());
		// then
		byte[] png = Base64.getDecoder().decode(response.data().orElseThrow().get(0).b64Json().orElseThrow());
		assertThat(ImageIO.read(new ByteArrayInputStream(png)).getHeight()).isEqualTo(1536);
		ImagesResponse.Usage usage = response.usage().orElseThrow();
		assertThat(usage.outputTokens()).isEqualTo(1584);
		assertThat(usage.totalTokens()).isEqualTo(usage.inputTokens() + 1584);
		assertThat(response.created()).isPositive();
	}

	@Test
	void openAiJavaSdkSeesTheRateLimitAndModerationErrorsAsTheRealOnes() {
		this.simulator = Simulators.start("faults.block-word", "forbidden");
		OpenAIClient client = OpenAIOkHttpClient.builder()
			.apiKey(KEY)
			.baseUrl(this.simulator.baseUrl() + "/v1")
			.maxRetries(0)
			.build();
		assertThatThrownBy(() -> client.images()
			.generate(ImageGenerateParams.builder().model("gpt-image-1").prompt("a forbidden mug").build()))
			.isInstanceOfSatisfying(OpenAIServiceException.class, error -> {
				assertThat(error.statusCode()).isEqualTo(400);
				assertThat(error.code()).hasValue("moderation_blocked");
			});
		this.simulator.faults().setRate429(1);
		assertThatThrownBy(() -> client.images()
			.generate(ImageGenerateParams.builder().model("gpt-image-1").prompt("a mug").build()))
			.isInstanceOfSatisfying(OpenAIServiceException.class, error -> {
				assertThat(error.statusCode()).isEqualTo(429);
				assertThat(error.code()).hasValue("rate_limit_exceeded");
				assertThat(error.headers().values("retry-after-ms")).isNotEmpty();
			});
	}

}
