package com.catalogimage.simulator;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import javax.imageio.ImageIO;

import com.catalogimage.image.ImageSize;
import com.catalogimage.provider.GeneratedImage;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.ProviderFailure;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.provider.SystemicFailure;
import com.catalogimage.provider.openai.OpenAiImageClient;
import com.catalogimage.support.Clients;
import com.catalogimage.support.RawHttp;
import com.catalogimage.support.Simulators;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The simulator's OpenAI wire, through the app's own OpenAI client and as raw HTTP. */
class OpenAiSimulatorTests {

	private static final String KEY = "sk-sim-test-0123456789";

	@TempDir
	Path work;

	@AutoClose
	private SimulatorServer simulator;

	@Test
	void gptImageAnswersInlineWithUsageFromTheTokenTable() throws IOException {
		// given
		this.simulator = Simulators.start("api-key", KEY);
		// when
		GeneratedImage image = client().generate(request("gpt-image-1", "a mug", "16:9"), this.work);
		// then
		var decoded = ImageIO.read(image.file().toFile());
		assertThat(new int[] { decoded.getWidth(), decoded.getHeight() }).containsExactly(1536, 1024);
		assertThat(image.usage().outputImageTokens()).isEqualTo(1568);
		assertThat(image.usage().inputTokens()).isPositive();
	}

	@Test
	void dallEAnswersWithoutUsage() {
		this.simulator = Simulators.start();
		GeneratedImage image = client().generate(request("dall-e-3", "a mug", "9:16"), this.work);
		assertThat(image.usage()).isNull();
	}

	@Test
	void validatesParametersPerModel() {
		this.simulator = Simulators.start();
		HttpResponse<String> responseFormat = post("{\"model\":\"gpt-image-1\",\"prompt\":\"a\",\"response_format\":\"b64_json\"}");
		assertThat(responseFormat.statusCode()).isEqualTo(400);
		assertThat(responseFormat.body()).contains("\"code\":\"unknown_parameter\"").contains("\"param\":\"response_format\"");
		HttpResponse<String> size = post("{\"model\":\"gpt-image-1\",\"prompt\":\"a\",\"size\":\"4096x4096\"}");
		assertThat(size.statusCode()).isEqualTo(400);
		assertThat(size.body()).contains("\"code\":\"invalid_value\"").contains("\"param\":\"size\"");
		HttpResponse<String> n = post("{\"model\":\"dall-e-3\",\"prompt\":\"a\",\"n\":2}");
		assertThat(n.statusCode()).isEqualTo(400);
		HttpResponse<String> jpeg = post("{\"model\":\"gpt-image-1\",\"prompt\":\"a\",\"output_format\":\"jpeg\"}");
		assertThat(jpeg.statusCode()).isEqualTo(200);
		assertThat(jpeg.body()).contains("\"b64_json\":\"/9j/").contains("\"output_format\":\"jpeg\"");
		assertThat(failure(request("gpt-image-9", "a", "1:1"))).isInstanceOfSatisfying(SystemicFailure.class,
				failure -> assertThat(failure.status()).isEqualTo("404 model_not_found"));
		assertThat(failure(Clients.openai(this.simulator.baseUrl(), KEY),
				new ImageRequest("gpt-image-1", "a", ImageSize.K2, "1:1"))).isInstanceOf(ItemFailure.class);
	}

	@Test
	void aWrongKeyIs401WithTheKeyMasked() {
		this.simulator = Simulators.start("api-key", KEY);
		HttpResponse<String> answer = RawHttp.post(this.simulator.baseUrl() + "/v1/images/generations",
				"{\"model\":\"gpt-image-1\",\"prompt\":\"a\"}", Map.of("Authorization", "Bearer sk-wrong-000000000000"));
		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(answer.body()).contains("\"code\":\"invalid_api_key\"").doesNotContain("sk-wrong-000000000000");
		assertThat(failure(Clients.openai(this.simulator.baseUrl(), "sk-wrong-000000000000"),
				request("gpt-image-1", "a", "1:1")))
			.isInstanceOfSatisfying(SystemicFailure.class, failure -> assertThat(failure.status()).isEqualTo("401 invalid_api_key"));
	}

	@Test
	void overTheServerRpmThe429CarriesRetryAfterAndRateLimitHeaders() {
		// given
		this.simulator = Simulators.start("server-rpm", "1");
		HttpResponse<String> first = post("{\"model\":\"gpt-image-1\",\"prompt\":\"a\"}");
		// when
		HttpResponse<String> second = post("{\"model\":\"gpt-image-1\",\"prompt\":\"a\"}");
		// then
		assertThat(first.headers().firstValue("x-ratelimit-limit-requests")).hasValue("1");
		assertThat(second.statusCode()).isEqualTo(429);
		assertThat(second.body()).contains("\"code\":\"rate_limit_exceeded\"");
		assertThat(Long.parseLong(second.headers().firstValue("retry-after").orElseThrow())).isBetween(50L, 60L);
		assertThat(Long.parseLong(second.headers().firstValue("retry-after-ms").orElseThrow())).isBetween(50_000L,
				60_000L);
		assertThat(second.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
		assertThat(second.headers().firstValue("x-ratelimit-reset-requests").orElseThrow()).matches("\\d+(\\.\\d+)?s");
		assertThat(failure(request("gpt-image-1", "b", "1:1"))).isInstanceOfSatisfying(RetryableFailure.class,
				failure -> assertThat(failure.retryAfter().toMillis()).isCloseTo(60_000, within(10_000L)));
	}

	@Test
	void aPromptOverTheModelsLengthLimitIsTheRealApis400() {
		// given: 32,000 characters for GPT image models, 4,000 for dall-e-3, 1,000 for dall-e-2
		this.simulator = Simulators.start();
		// when
		HttpResponse<String> gptImage = post("{\"model\":\"gpt-image-1\",\"prompt\":\"" + "a".repeat(32_001) + "\"}");
		HttpResponse<String> dallE = post("{\"model\":\"dall-e-2\",\"prompt\":\"" + "a".repeat(1_001) + "\"}");
		// then
		assertThat(gptImage.statusCode()).isEqualTo(400);
		assertThat(gptImage.body()).contains("Invalid 'prompt': string too long. Expected a string with maximum length "
				+ "32000, but got a string with length 32001 instead.")
			.contains("\"param\":\"prompt\"")
			.contains("\"code\":\"string_above_max_length\"");
		assertThat(dallE.statusCode()).isEqualTo(400);
		assertThat(dallE.body()).contains("Prompt must be length 1000 or less. Your prompt length is 1001.");
		assertThat(failure(request("dall-e-3", "é".repeat(4_001), "1:1"))).isInstanceOf(ItemFailure.class)
			.hasMessageContaining("Prompt must be length 4000 or less");
		assertThat(this.simulator.stats().generations()).isZero();
		assertThat(post("{\"model\":\"gpt-image-1\",\"prompt\":\"" + "a".repeat(32_000) + "\"}").statusCode())
			.isEqualTo(200);
		assertThat(client().generate(request("dall-e-3", "é".repeat(4_000), "1:1"), this.work)).isNotNull();
	}

	@Test
	void aMalformedAnswerLooksLikeTheStartOfAnImagesAnswer() {
		this.simulator = Simulators.start("faults.rate-malformed", "1");
		HttpResponse<String> malformed = post("{\"model\":\"gpt-image-1\",\"prompt\":\"a\"}");
		assertThat(malformed.statusCode()).isEqualTo(200);
		assertThat(malformed.body()).startsWith("{\"created\":").doesNotContain("candidates");
		assertThat(failure(request("gpt-image-1", "a", "1:1")).status()).isEqualTo("malformed-response");
	}

	@Test
	void dailyQuotaIsInsufficientQuotaAndFailsTheJob() {
		this.simulator = Simulators.start("server-rpd", "1");
		client().generate(request("gpt-image-1", "a", "1:1"), this.work);
		assertThat(failure(request("gpt-image-1", "b", "1:1"))).isInstanceOfSatisfying(SystemicFailure.class,
				failure -> assertThat(failure.status()).isEqualTo("429 insufficient_quota"));
	}

	@Test
	void faultsOnTheOpenAiWire() {
		this.simulator = Simulators.start("faults.block-word", "forbidden", "faults.rate-429", "1", "time-scale", "0.01");
		assertThat(failure(request("gpt-image-1", "a", "1:1"))).isInstanceOfSatisfying(RetryableFailure.class,
				failure -> assertThat(failure.retryAfter()).isEqualTo(Duration.ofMillis(200)));
		this.simulator.faults().setRate429(0);
		this.simulator.faults().setRate503(1);
		assertThat(failure(request("gpt-image-1", "a", "1:1"))).isInstanceOf(RetryableFailure.class)
			.hasMessageContaining("overloaded");
		this.simulator.faults().setRate503(0);
		assertThat(failure(request("gpt-image-1", "forbidden thing", "1:1"))).isInstanceOfSatisfying(ItemFailure.class,
				failure -> assertThat(failure.status()).isEqualTo("400 moderation_blocked"));
		this.simulator.faults().setSystemic(0, "403");
		assertThat(failure(request("gpt-image-1", "a", "1:1"))).isInstanceOf(SystemicFailure.class);
		assertThat(this.simulator.stats().byStatus()).containsEntry(429, 1L).containsEntry(503, 1L).containsEntry(400, 1L)
			.containsEntry(403, 1L);
	}

	private HttpResponse<String> post(String body) {
		return RawHttp.post(this.simulator.baseUrl() + "/v1/images/generations", body,
				Map.of("Authorization", "Bearer " + KEY));
	}

	private ProviderFailure failure(ImageRequest request) {
		return failure(client(), request);
	}

	private ProviderFailure failure(OpenAiImageClient client, ImageRequest request) {
		return Clients.failure(client, request, this.work);
	}

	private OpenAiImageClient client() {
		return Clients.openai(this.simulator.baseUrl(), KEY);
	}

	private static ImageRequest request(String model, String prompt, String ratio) {
		return new ImageRequest(model, prompt, ImageSize.K1, ratio);
	}

}
