package com.catalogimage.provider.openai;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.catalogimage.image.ImageFormat;
import com.catalogimage.image.ImageSize;
import com.catalogimage.provider.GeneratedImage;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.ProviderFailure;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.provider.ReferenceImage;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.provider.SystemicFailure;
import com.catalogimage.support.CannedHttpServer.Answer;
import com.catalogimage.support.CannedHttpServer;
import com.catalogimage.support.Clients;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import static com.catalogimage.support.TestImages.base64;
import static com.catalogimage.support.TestImages.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiImageClientTests {

	private static final String KEY = "sk-test-0123456789abcdef";

	private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

	private static final ImageRequest REQUEST = new ImageRequest("gpt-image-1", "Studio product photo of a mug",
			ImageSize.K1, "1:1");

	@TempDir
	Path work;

	@AutoClose
	private final CannedHttpServer server = new CannedHttpServer();

	@Test
	void sendsBearerKeyAndGptImageParametersAndStreamsTheImageToDisk() throws IOException {
		// given
		byte[] image = png(64, 48);
		this.server.enqueue(Answer.json(200, answer(image)));
		// when
		GeneratedImage generated = client(DataSize.ofMegabytes(64)).generate(REQUEST, this.work);
		// then
		assertThat(Files.readAllBytes(generated.file())).isEqualTo(image);
		assertThat(generated.format()).isEqualTo(ImageFormat.PNG);
		assertThat(generated.usage().inputTokens()).isEqualTo(50);
		assertThat(generated.usage().outputImageTokens()).isEqualTo(1056);
		assertThat(generated.usage().outputTextTokens()).isZero();
		CannedHttpServer.Received request = this.server.received().get(0);
		assertThat(request.path()).isEqualTo("/v1/images/generations");
		assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
		assertThat(request.bodyText()).contains("\"model\":\"gpt-image-1\"")
			.contains("\"n\":1")
			.contains("\"size\":\"1024x1024\"")
			.contains("\"output_format\":\"png\"")
			.doesNotContain("response_format");
	}

	@Test
	void dallEModelsAskForB64JsonAndABaseUrlEndingInV1IsNotDoubled() throws IOException {
		// given
		this.server.enqueue(Answer.json(200, "{\"created\":1,\"data\":[{\"b64_json\":\"" + base64(png(8, 8))
				+ "\",\"revised_prompt\":\"a mug\"}]}"));
		ImageRequest request = new ImageRequest("dall-e-3", "a mug", ImageSize.K1, "16:9");
		// when
		GeneratedImage generated = client(DataSize.ofMegabytes(64), this.server.baseUrl() + "/v1/").generate(request,
				this.work);
		// then
		assertThat(generated.usage()).isNull();
		CannedHttpServer.Received sent = this.server.received().get(0);
		assertThat(sent.path()).isEqualTo("/v1/images/generations");
		assertThat(sent.bodyText()).contains("\"response_format\":\"b64_json\"").contains("\"size\":\"1792x1024\"");
	}

	@Test
	void chatgptImageLatestIsAGptImageModelAndGetsOutputFormatNotResponseFormat() throws IOException {
		// given: OpenAI's images reference lists chatgpt-image-latest among the GPT image models
		this.server.enqueue(Answer.json(200, answer(png(8, 8))));
		// when
		client(DataSize.ofMegabytes(64)).generate(new ImageRequest("chatgpt-image-latest", "a mug", ImageSize.K1, "16:9"),
				this.work);
		// then
		assertThat(this.server.received().get(0).bodyText()).contains("\"output_format\":\"png\"")
			.contains("\"size\":\"1536x1024\"")
			.doesNotContain("response_format");
	}

	@Test
	void sizesMapPerModelFamilyAndUnavailableSizesAreNeverDowngraded() {
		assertThat(OpenAiModel.GPT_IMAGE.size(ImageSize.K1, "1:1")).hasValue("1024x1024");
		assertThat(OpenAiModel.GPT_IMAGE.size(ImageSize.K1, "16:9")).hasValue("1536x1024");
		assertThat(OpenAiModel.GPT_IMAGE.size(ImageSize.K1, "3:4")).hasValue("1024x1536");
		assertThat(OpenAiModel.GPT_IMAGE.size(ImageSize.K4, "1:1")).isEmpty();
		assertThat(OpenAiModel.DALL_E_3.size(ImageSize.K1, "9:16")).hasValue("1024x1792");
		assertThat(OpenAiModel.DALL_E_2.size(ImageSize.S512, "1:1")).hasValue("512x512");
		assertThat(OpenAiModel.DALL_E_2.size(ImageSize.K1, "16:9")).isEmpty();
		assertThat(OpenAiModel.OTHER.size(ImageSize.K2, "16:9")).hasValue("2752x1536");
		assertThat(OpenAiModel.of("gpt-image-1.5")).isEqualTo(OpenAiModel.GPT_IMAGE);
	}

	@Test
	void unavailableSizeAndReferenceImagesAreItemFailuresBeforeAnythingIsSent() {
		assertThatThrownBy(() -> client(DataSize.ofMegabytes(64))
			.generate(new ImageRequest("gpt-image-1", "a mug", ImageSize.K4, "1:1"), this.work))
			.isInstanceOfSatisfying(ItemFailure.class, failure -> assertThat(failure.status()).isEqualTo("size-unsupported"));
		assertThatThrownBy(() -> client(DataSize.ofMegabytes(64)).generate(new ImageRequest("gpt-image-1", "a mug",
				ImageSize.K1, "1:1", List.of(new ReferenceImage(this.work.resolve("r.png"), "image/png"))), this.work))
			.isInstanceOfSatisfying(ItemFailure.class,
					failure -> assertThat(failure.status()).isEqualTo("reference-image-unsupported"));
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void outputTokenDetailsSplitImageAndTextTokens() throws IOException {
		this.server.enqueue(Answer.json(200, "{\"data\":[{\"b64_json\":\"" + base64(png(8, 8)) + "\"}],"
				+ "\"usage\":{\"input_tokens\":7,\"output_tokens\":1100,\"output_tokens_details\":{\"image_tokens\":1056,\"text_tokens\":44}}}"));
		GeneratedImage generated = client(DataSize.ofMegabytes(64)).generate(REQUEST, this.work);
		assertThat(generated.usage().outputImageTokens()).isEqualTo(1056);
		assertThat(generated.usage().outputTextTokens()).isEqualTo(44);
	}

	@Test
	void answerWithoutImageIsRetryableAndAUrlAnswerFailsTheJob() {
		this.server.enqueue(Answer.json(200, "{\"created\":1,\"data\":[]}"));
		assertThat(failure()).isInstanceOfSatisfying(RetryableFailure.class, failure -> {
			assertThat(failure.status()).isEqualTo("no-image");
			assertThat(failure.maxAttempts()).isEqualTo(3);
		});
		this.server.enqueue(Answer.json(200, "{\"created\":1,\"data\":[{\"url\":\"https://example.invalid/i.png\"}]}"));
		assertThat(failure()).isInstanceOfSatisfying(SystemicFailure.class,
				failure -> assertThat(failure.status()).isEqualTo("url-only"));
	}

	@Test
	void bodyOverTheCapIsAnItemErrorAndNotAnImageIsAnItemError() throws IOException {
		byte[] big = new byte[3 * 1024 * 1024];
		System.arraycopy(png(4, 4), 0, big, 0, 8);
		this.server.enqueue(Answer.json(200, answer(big)));
		assertThatThrownBy(() -> client(DataSize.ofMegabytes(1)).generate(REQUEST, this.work))
			.isInstanceOfSatisfying(ItemFailure.class,
					failure -> assertThat(failure.status()).isEqualTo("response-too-large"));
		this.server.enqueue(Answer.json(200, answer("GIF89a, not ours".getBytes())));
		assertThat(failure()).isInstanceOfSatisfying(ItemFailure.class,
				failure -> assertThat(failure.status()).isEqualTo("not-an-image"));
		try (var files = Files.list(this.work)) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void truncatedAndMalformedBodiesAreRetryable() {
		String body = answer(png(200, 200));
		this.server.enqueue(Answer.json(200, body).truncatedAfter(body.length() / 2));
		assertThat(failure()).isInstanceOfSatisfying(RetryableFailure.class, failure -> {
			assertThat(failure.status()).isEqualTo("truncated-body");
			assertThat(failure.outcomeUnknown()).isTrue();
		});
		this.server.enqueue(Answer.json(200, "{\"data\": [ {\"b64_json\": oops"));
		assertThat(failure()).isInstanceOfSatisfying(RetryableFailure.class,
				failure -> assertThat(failure.status()).isEqualTo("malformed-response"));
	}

	@Test
	void errorEnvelopesMapToTheirOutcomes() {
		// 401 bad key: the job fails
		this.server.enqueue(error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided: sk-abc*****wxyz."));
		assertThat(failure()).isInstanceOfSatisfying(SystemicFailure.class, failure -> {
			assertThat(failure.ending()).isEqualTo(SystemicFailure.Ending.FAIL);
			assertThat(failure.status()).isEqualTo("401 invalid_api_key");
			assertThat(failure.getMessage()).doesNotContain("sk-abc");
		});
		// 429 insufficient_quota: billing, the job fails
		this.server.enqueue(error(429, "insufficient_quota", "insufficient_quota",
				"You exceeded your current quota, please check your plan and billing details."));
		assertThat(failure()).isInstanceOfSatisfying(SystemicFailure.class,
				failure -> assertThat(failure.ending()).isEqualTo(SystemicFailure.Ending.FAIL));
		// 429 rate_limit_exceeded: retried
		this.server.enqueue(error(429, "requests", "rate_limit_exceeded", "Rate limit reached for gpt-image-1"));
		assertThat(failure()).isInstanceOfSatisfying(RetryableFailure.class, failure -> {
			assertThat(failure.rateLimited()).isTrue();
			assertThat(failure.status()).isEqualTo("429 rate_limit_exceeded");
		});
		// 429 with a limit of 0: the organisation has no image access; no wait helps, the job fails
		this.server.enqueue(error(429, "requests", "rate_limit_exceeded",
				"Rate limit exceeded for images per minute in organization org-x. Limit: 0/1min. Current: 1/1min."));
		assertThat(failure()).isInstanceOfSatisfying(SystemicFailure.class, failure -> {
			assertThat(failure.ending()).isEqualTo(SystemicFailure.Ending.FAIL);
			assertThat(failure.status()).isEqualTo("429 no-image-access");
			assertThat(failure.getMessage()).contains("billing");
		});
		this.server.enqueue(rateLimited().withHeader("x-ratelimit-limit-requests", "0"));
		assertThat(failure()).isInstanceOf(SystemicFailure.class);
		// a limit of 10 is an ordinary rate limit
		this.server.enqueue(error(429, "requests", "rate_limit_exceeded", "Limit: 10/1min. Current: 11/1min."));
		assertThat(failure()).isInstanceOf(RetryableFailure.class);
		// 400 moderation (new and old codes): the product is skipped
		this.server.enqueue(error(400, "image_generation_user_error", "moderation_blocked",
				"Your request was rejected by the safety system."));
		assertThat(failure()).isInstanceOfSatisfying(ItemFailure.class,
				failure -> assertThat(failure.status()).isEqualTo("400 moderation_blocked"));
		this.server.enqueue(error(400, "invalid_request_error", "content_policy_violation", "rejected"));
		assertThat(failure()).isInstanceOf(ItemFailure.class);
		// 400 invalid value: the product is skipped
		this.server.enqueue(error(400, "invalid_request_error", "invalid_value", "Invalid size"));
		assertThat(failure()).isInstanceOfSatisfying(ItemFailure.class,
				failure -> assertThat(failure.invalidRequest()).as("a request rejection").isTrue());
		// 403 and 404 (unknown model): the job fails
		for (int status : List.of(403, 404)) {
			this.server.enqueue(error(status, "invalid_request_error", "", "no"));
			assertThat(failure()).as("HTTP %d", status).isInstanceOf(SystemicFailure.class);
		}
		// 408, 409 and 5xx: retried
		for (int status : List.of(408, 409, 500, 502, 503, 504)) {
			this.server.enqueue(error(status, "server_error", "", "The server had an error"));
			assertThat(failure()).as("HTTP %d", status).isInstanceOf(RetryableFailure.class);
		}
		// a proxy's HTML page still maps by status
		this.server.enqueue(new Answer(502, Map.of("Content-Type", "text/html"), "<html>bad gateway</html>".getBytes(), -1));
		assertThat(failure()).isInstanceOf(RetryableFailure.class);
	}

	@Test
	void xShouldRetryOverridesTheStatusCode() {
		// false: the server says another attempt will not help; the product gets this attempt only
		this.server.enqueue(error(503, "server_error", "", "busy").withHeader("x-should-retry", "false"));
		assertThat(failure()).isInstanceOfSatisfying(RetryableFailure.class,
				failure -> assertThat(failure.maxAttempts()).isEqualTo(1));
		// true: retried although a 400 would skip the product and a 401 fail the job
		this.server.enqueue(error(400, "invalid_request_error", "", "try again").withHeader("x-should-retry", "true"));
		assertThat(failure()).isInstanceOfSatisfying(RetryableFailure.class,
				failure -> assertThat(failure.maxAttempts()).isZero());
		this.server.enqueue(error(401, "invalid_request_error", "", "try again").withHeader("x-should-retry", "true"));
		assertThat(failure()).isInstanceOf(RetryableFailure.class);
		// a decision read from the error code stands: billing still fails the job
		this.server.enqueue(error(429, "insufficient_quota", "insufficient_quota", "quota")
			.withHeader("x-should-retry", "true"));
		assertThat(failure()).isInstanceOf(SystemicFailure.class);
		// without the header, the configured attempts
		this.server.enqueue(error(503, "server_error", "", "busy"));
		assertThat(failure()).isInstanceOfSatisfying(RetryableFailure.class,
				failure -> assertThat(failure.maxAttempts()).isZero());
	}

	@Test
	void retryAfterHeadersAreHonouredInTheSdkOrder() {
		// retry-after-ms wins over retry-after
		this.server.enqueue(rateLimited().withHeader("retry-after-ms", "1500.5").withHeader("retry-after", "9"));
		assertThat(retryAfter()).isEqualTo(Duration.ofNanos(1_500_500_000L));
		// retry-after in seconds
		this.server.enqueue(rateLimited().withHeader("retry-after", "12"));
		assertThat(retryAfter()).isEqualTo(Duration.ofSeconds(12));
		// retry-after as an HTTP date, measured from the client's clock
		this.server.enqueue(rateLimited().withHeader("retry-after", "Tue, 24 Nov 2026 10:00:30 GMT"));
		assertThat(retryAfter()).isEqualTo(Duration.ofSeconds(30));
		// neither: x-ratelimit-reset-requests as a Go duration
		this.server.enqueue(rateLimited().withHeader("x-ratelimit-reset-requests", "1m6.5s"));
		assertThat(retryAfter()).isEqualTo(Duration.ofMillis(66_500));
		// nothing: no hint, the caller's backoff decides
		this.server.enqueue(rateLimited());
		assertThat(retryAfter()).isNull();
		assertThat(RetryAfter.goDuration("12ms")).isEqualTo(Duration.ofMillis(12));
		assertThat(RetryAfter.goDuration("soon")).isNull();
	}

	@Test
	void theKeyNeverAppearsInFailureMessages() {
		this.server.enqueue(error(403, "invalid_request_error", "", "key " + KEY + " is not allowed"));
		assertThat(failure().getMessage()).doesNotContain(KEY).contains("[redacted]");
	}

	private static Answer rateLimited() {
		return error(429, "requests", "rate_limit_exceeded", "Rate limit reached. Please try again in 12s.");
	}

	private static Answer error(int status, String type, String code, String message) {
		return Answer.json(status, """
				{"error":{"message":"%s","type":"%s","param":null,"code":%s}}"""
			.formatted(message, type, code.isEmpty() ? "null" : "\"" + code + "\""));
	}

	private static String answer(byte[] image) {
		return """
				{"created":1713833628,"data":[{"b64_json":"%s"}],"background":"opaque","output_format":"png",
				 "size":"1024x1024","quality":"medium","usage":{"input_tokens":50,
				 "input_tokens_details":{"text_tokens":50,"image_tokens":0},"output_tokens":1056,"total_tokens":1106}}"""
			.formatted(base64(image));
	}

	private Duration retryAfter() {
		ProviderFailure failure = failure();
		assertThat(failure).isInstanceOf(RetryableFailure.class);
		return ((RetryableFailure) failure).retryAfter();
	}

	private ProviderFailure failure() {
		return Clients.failure(client(DataSize.ofMegabytes(64)), REQUEST, this.work);
	}

	private OpenAiImageClient client(DataSize cap) {
		return client(cap, this.server.baseUrl());
	}

	/** Built here for the package-private constructor: HTTP-date retry hints are measured from a fixed clock. */
	private OpenAiImageClient client(DataSize cap, String baseUrl) {
		ProviderProperties properties = Clients.properties("openai", cap);
		return new OpenAiImageClient(Clients.http(properties), baseUrl, () -> KEY, properties, Clients.redactor(KEY),
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

}
