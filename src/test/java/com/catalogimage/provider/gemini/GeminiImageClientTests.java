package com.catalogimage.provider.gemini;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;

import com.catalogimage.image.ImageFormat;
import com.catalogimage.image.ImageSize;
import com.catalogimage.provider.GeneratedImage;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.LocalWriteException;
import com.catalogimage.provider.ProviderFailure;
import com.catalogimage.provider.ReferenceImage;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.provider.SystemicFailure;
import com.catalogimage.support.CannedHttpServer.Answer;
import com.catalogimage.support.CannedHttpServer;
import com.catalogimage.support.Clients;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import static com.catalogimage.support.TestImages.geminiAnswer;
import static com.catalogimage.support.TestImages.imagePart;
import static com.catalogimage.support.TestImages.png;
import static com.catalogimage.support.TestImages.textPart;
import static com.catalogimage.support.TestImages.thoughtImagePart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeminiImageClientTests {

	private static final String KEY = "test-key-0123456789";

	private static final ImageRequest REQUEST = new ImageRequest("gemini-3.1-flash-image-preview",
			"Studio product photo of a mug", ImageSize.K1, "1:1");

	@TempDir
	Path work;

	@AutoClose
	private final CannedHttpServer server = new CannedHttpServer();

	@Test
	void sendsKeyHeaderAndImageConfigAndTakesTheImagePartAfterATextPart() throws IOException {
		// given
		byte[] image = png(64, 48);
		this.server.enqueue(Answer.json(200, geminiAnswer("STOP", textPart("Here you go"), imagePart(image))));
		// when
		GeneratedImage generated = client(DataSize.ofMegabytes(64)).generate(REQUEST, this.work);
		// then
		assertThat(Files.readAllBytes(generated.file())).isEqualTo(image);
		assertThat(generated.format()).isEqualTo(ImageFormat.PNG);
		assertThat(generated.bytes()).isEqualTo(image.length);
		assertThat(generated.usage().outputImageTokens()).isEqualTo(1120);
		assertThat(generated.usage().outputTextTokens()).isEqualTo(10);
		CannedHttpServer.Received request = this.server.received().get(0);
		assertThat(request.path()).isEqualTo("/v1beta/models/gemini-3.1-flash-image-preview:generateContent");
		assertThat(request.header("x-goog-api-key")).isEqualTo(KEY);
		assertThat(request.bodyText()).contains("\"imageSize\":\"1K\"")
			.contains("\"aspectRatio\":\"1:1\"")
			.contains("\"candidateCount\":1")
			.contains("\"responseModalities\":[\"IMAGE\"]");
	}

	@Test
	void draftThoughtImagesAreIgnoredAndTheLastFinalImageWins() throws IOException {
		// given
		byte[] draft = png(8, 8);
		byte[] last = png(32, 32);
		this.server.enqueue(Answer.json(200,
				geminiAnswer("STOP", thoughtImagePart(draft), thoughtImagePart(draft), imagePart(png(16, 16)),
						imagePart(last))));
		// when
		GeneratedImage generated = client(DataSize.ofMegabytes(64)).generate(REQUEST, this.work);
		// then
		assertThat(Files.readAllBytes(generated.file())).isEqualTo(last);
		try (var files = Files.list(this.work)) {
			assertThat(files).as("drafts and superseded images are deleted").containsExactly(generated.file());
		}
	}

	@Test
	void anAnswerWhoseOnlyImageIsFlaggedAsAThoughtKeepsTheLastOneInsteadOfBuyingAnother() throws IOException {
		// given: gemini-3-pro-image-preview has been reported to flag its billed final image as a thought
		byte[] first = png(8, 8);
		byte[] last = png(32, 32);
		this.server.enqueue(Answer.json(200, geminiAnswer("STOP", thoughtImagePart(first), thoughtImagePart(last))));
		// when
		GeneratedImage generated = client(DataSize.ofMegabytes(64)).generate(REQUEST, this.work);
		// then
		assertThat(Files.readAllBytes(generated.file())).isEqualTo(last);
		try (var files = Files.list(this.work)) {
			assertThat(files).as("the earlier draft is deleted").containsExactly(generated.file());
		}
	}

	@Test
	void aDraftIsNeverTheProductOfAnAnswerBlockedAfterDrafting() throws IOException {
		this.server.enqueue(Answer.json(200, geminiAnswer("IMAGE_SAFETY", thoughtImagePart(png(8, 8)))));
		assertThat(failure()).isInstanceOfSatisfying(ItemFailure.class,
				failure -> assertThat(failure.status()).isEqualTo("IMAGE_SAFETY"));
		try (var files = Files.list(this.work)) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void snakeCaseFieldNamesAreAccepted() throws IOException {
		byte[] image = png(10, 10);
		this.server.enqueue(Answer.json(200, """
				{"candidates":[{"content":{"parts":[{"inline_data":{"mime_type":"image/png","data":"%s"}}]},
				 "finish_reason":"STOP"}],"usage_metadata":{"prompt_token_count":5,"candidates_token_count":1120}}"""
			.formatted(com.catalogimage.support.TestImages.base64(image))));
		GeneratedImage generated = client(DataSize.ofMegabytes(64)).generate(REQUEST, this.work);
		assertThat(Files.readAllBytes(generated.file())).isEqualTo(image);
		assertThat(generated.usage().inputTokens()).isEqualTo(5);
	}

	@Test
	void answerWithoutAnImagePartIsRetryableAtMostThreeTimes() {
		this.server.enqueue(Answer.json(200, geminiAnswer("STOP", textPart("I cannot draw that"))));
		assertThatThrownBy(() -> client(DataSize.ofMegabytes(64)).generate(REQUEST, this.work))
			.isInstanceOfSatisfying(RetryableFailure.class, failure -> {
				assertThat(failure.status()).isEqualTo("no-image:STOP");
				assertThat(failure.maxAttempts()).isEqualTo(3);
			});
	}

	@Test
	void safetyFinishReasonAndPromptBlockAreItemFailures() {
		this.server.enqueue(Answer.json(200,
				"{\"candidates\":[{\"content\":{\"role\":\"model\"},\"finishReason\":\"IMAGE_SAFETY\",\"index\":0}]}"));
		this.server.enqueue(Answer.json(200, "{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"}}"));
		assertThatThrownBy(() -> client(DataSize.ofMegabytes(64)).generate(REQUEST, this.work))
			.isInstanceOfSatisfying(ItemFailure.class, failure -> assertThat(failure.status()).isEqualTo("IMAGE_SAFETY"));
		assertThatThrownBy(() -> client(DataSize.ofMegabytes(64)).generate(REQUEST, this.work))
			.isInstanceOfSatisfying(ItemFailure.class,
					failure -> assertThat(failure.status()).isEqualTo("blocked:PROHIBITED_CONTENT"));
	}

	@Test
	void bodyOverTheCapIsAnItemErrorAndLeavesNoFileBehind() throws IOException {
		// given: a 3 MB image against a 1 MB cap
		byte[] big = new byte[3 * 1024 * 1024];
		System.arraycopy(png(4, 4), 0, big, 0, 8);
		this.server.enqueue(Answer.json(200, geminiAnswer("STOP", imagePart(big))));
		// when / then
		assertThatThrownBy(() -> client(DataSize.ofMegabytes(1)).generate(REQUEST, this.work))
			.isInstanceOfSatisfying(ItemFailure.class,
					failure -> assertThat(failure.status()).isEqualTo("response-too-large"));
		try (var files = Files.list(this.work)) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void bytesThatAreNotAnImageAreAnItemError() {
		this.server.enqueue(Answer.json(200, geminiAnswer("STOP", imagePart("hello, not a picture".getBytes()))));
		assertThatThrownBy(() -> client(DataSize.ofMegabytes(64)).generate(REQUEST, this.work))
			.isInstanceOfSatisfying(ItemFailure.class, failure -> assertThat(failure.status()).isEqualTo("not-an-image"));
	}

	@Test
	void truncatedBodyIsRetryableWithAnUnknownOutcome() {
		String body = geminiAnswer("STOP", imagePart(png(200, 200)));
		this.server.enqueue(Answer.json(200, body).truncatedAfter(body.length() / 2));
		assertThatThrownBy(() -> client(DataSize.ofMegabytes(64)).generate(REQUEST, this.work))
			.isInstanceOfSatisfying(RetryableFailure.class, failure -> {
				assertThat(failure.status()).isEqualTo("truncated-body");
				assertThat(failure.outcomeUnknown()).isTrue();
			});
	}

	@Test
	void aFullDiskWhileSavingTheImageIsOurFaultNotATruncatedBody() throws IOException {
		// given: the work folder is on a disk with 8 KB free, and the answer carries a 100 KB image
		try (FileSystem smallDisk = Jimfs.newFileSystem(
				Configuration.unix().toBuilder().setBlockSize(4096).setMaxSize(8192).build())) {
			Path work = smallDisk.getPath("/output/.cache/tmp");
			this.server.enqueue(Answer.json(200, geminiAnswer("STOP", imagePart(pngSized(100_000)))));
			// when / then: a write failure of a delivered (billed) image, naming the file and the disk's reason
			assertThatThrownBy(() -> client(DataSize.ofMegabytes(64)).generate(REQUEST, work))
				.isInstanceOfSatisfying(LocalWriteException.class, failure -> {
					assertThat(failure.imageDelivered()).isTrue();
					assertThat(failure.file().getParent()).isEqualTo(work);
					assertThat(failure.getMessage()).startsWith("cannot write " + work + "/image-")
						.endsWith(": out of disk space");
				});
			try (var files = Files.list(work)) {
				assertThat(files).as("the partial image is deleted").isEmpty();
			}
		}
	}

	@Test
	void aWorkFolderThatCannotBeCreatedIsOurFaultAfterTheImageWasDelivered() throws IOException {
		// given: a file where the work folder should be
		Path notAFolder = Files.writeString(this.work.resolve("tmp"), "a file");
		this.server.enqueue(Answer.json(200, geminiAnswer("STOP", imagePart(png(8, 8)))));
		// when / then
		assertThatThrownBy(() -> client(DataSize.ofMegabytes(64)).generate(REQUEST, notAFolder))
			.isInstanceOfSatisfying(LocalWriteException.class, failure -> {
				assertThat(failure.imageDelivered()).isTrue();
				assertThat(failure.getMessage()).isEqualTo("cannot write " + notAFolder + ": " + notAFolder
						+ " exists and is not a folder");
			});
	}

	@Test
	void aRequestFileThatCannotBeWrittenIsOurFaultAndNothingIsSent() throws IOException {
		// given: a product with a reference image, and a file where the work folder should be
		Path reference = Files.write(this.work.resolve("ref.png"), png(20, 20));
		Path notAFolder = Files.writeString(this.work.resolve("tmp"), "a file");
		ImageRequest request = new ImageRequest("gemini-3.1-flash-image-preview", "a mug like this", ImageSize.K1,
				"1:1", List.of(ReferenceImage.of(reference)));
		// when / then: not the product's fault, so not a skip; and nothing was delivered
		assertThatThrownBy(() -> client(DataSize.ofMegabytes(64)).generate(request, notAFolder))
			.isInstanceOfSatisfying(LocalWriteException.class,
					failure -> assertThat(failure.imageDelivered()).isFalse());
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void malformedJsonIsRetryable() {
		this.server.enqueue(Answer.json(200, "{\"candidates\": [ oops"));
		assertThatThrownBy(() -> client(DataSize.ofMegabytes(64)).generate(REQUEST, this.work))
			.isInstanceOfSatisfying(RetryableFailure.class,
					failure -> assertThat(failure.status()).isEqualTo("malformed-response"));
	}

	@Test
	void errorEnvelopesMapToTheirOutcomes() {
		// 429 per minute with a fractional RetryInfo delay: retryable, honouring the delay
		this.server.enqueue(Answer.json(429, """
				{"error":{"code":429,"message":"You exceeded your current quota. Please retry in 45.8s.","status":"RESOURCE_EXHAUSTED",
				"details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerMinutePerProjectPerModel"}]},
				{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"45.837906927s"}]}}"""));
		assertThat(failure()).isInstanceOfSatisfying(RetryableFailure.class, failure -> {
			assertThat(failure.rateLimited()).isTrue();
			assertThat(failure.retryAfter()).isEqualTo(Duration.ofNanos(45_837_906_927L));
		});
		// 429 on a per-day quota: the job stops (restartable after the reset)
		this.server.enqueue(Answer.json(429, """
				{"error":{"code":429,"message":"quota","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure",
				"violations":[{"quotaId":"GenerateRequestsPerDayPerProjectPerModel"}]}]}}"""));
		assertThat(failure()).isInstanceOfSatisfying(SystemicFailure.class,
				failure -> assertThat(failure.ending()).isEqualTo(SystemicFailure.Ending.STOP));
		// bare 429 without details: retryable without a hint
		this.server.enqueue(Answer.json(429,
				"{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted (e.g. check quota).\",\"status\":\"RESOURCE_EXHAUSTED\"}}"));
		assertThat(failure()).isInstanceOfSatisfying(RetryableFailure.class,
				failure -> assertThat(failure.retryAfter()).isNull());
		// invalid key: the job fails
		this.server.enqueue(Answer.json(400, """
				{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT",
				"details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}"""));
		assertThat(failure()).isInstanceOfSatisfying(SystemicFailure.class,
				failure -> assertThat(failure.ending()).isEqualTo(SystemicFailure.Ending.FAIL));
		// invalid request content: the product is skipped
		this.server.enqueue(Answer.json(400,
				"{\"error\":{\"code\":400,\"message\":\"Unsupported aspect ratio\",\"status\":\"INVALID_ARGUMENT\"}}"));
		assertThat(failure()).isInstanceOfSatisfying(ItemFailure.class,
				failure -> assertThat(failure.invalidRequest()).as("a request rejection").isTrue());
		// an image model without billing: a quota of 0 never resets, so the job fails (not a daily stop)
		this.server.enqueue(Answer.json(429, """
				{"error":{"code":429,"message":"* Quota exceeded for metric: generate_content_free_tier_requests, limit: 0, model: gemini-2.5-flash-preview-image","status":"RESOURCE_EXHAUSTED",
				"details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier"}]}]}}"""));
		assertThat(failure()).isInstanceOfSatisfying(SystemicFailure.class, failure -> {
			assertThat(failure.ending()).isEqualTo(SystemicFailure.Ending.FAIL);
			assertThat(failure.status()).isEqualTo("429 no-quota");
			assertThat(failure.getMessage()).contains("billing");
		});
		// the same told by the quota's value, or by a free-tier quota of an image model
		this.server.enqueue(Answer.json(429, """
				{"error":{"code":429,"message":"quota","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure",
				"violations":[{"quotaId":"GenerateRequestsPerMinutePerProjectPerModel","quotaValue":"0"}]}]}}"""));
		assertThat(failure()).isInstanceOfSatisfying(SystemicFailure.class,
				failure -> assertThat(failure.status()).isEqualTo("429 no-quota"));
		this.server.enqueue(Answer.json(429, """
				{"error":{"code":429,"message":"quota","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure",
				"violations":[{"quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier","quotaDimensions":{"location":"global","model":"gemini-2.5-flash-image"}}]}]}}"""));
		assertThat(failure()).isInstanceOfSatisfying(SystemicFailure.class,
				failure -> assertThat(failure.status()).isEqualTo("429 no-quota"));
		// a free-tier per-minute quota of a text model (a relay, say) is still just a rate limit
		this.server.enqueue(Answer.json(429, """
				{"error":{"code":429,"message":"quota, limit: 10","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure",
				"violations":[{"quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier","quotaDimensions":{"model":"gemini-2.0-flash"}}]}]}}"""));
		assertThat(failure()).isInstanceOf(RetryableFailure.class);
		// billing or region: the job fails
		this.server.enqueue(Answer.json(400,
				"{\"error\":{\"code\":400,\"message\":\"enable billing\",\"status\":\"FAILED_PRECONDITION\"}}"));
		assertThat(failure()).isInstanceOf(SystemicFailure.class);
		for (int status : List.of(401, 403, 404)) {
			this.server.enqueue(Answer.json(status, "{\"error\":{\"code\":" + status + ",\"message\":\"no\"}}"));
			assertThat(failure()).as("HTTP %d", status).isInstanceOf(SystemicFailure.class);
		}
		for (int status : List.of(408, 500, 502, 503, 504)) {
			this.server.enqueue(Answer.json(status, "{\"error\":{\"code\":" + status + ",\"message\":\"busy\"}}"));
			assertThat(failure()).as("HTTP %d", status).isInstanceOf(RetryableFailure.class);
		}
		// a proxy's HTML error page still maps by status
		this.server.enqueue(new Answer(502, java.util.Map.of("Content-Type", "text/html"), "<html>bad gateway</html>".getBytes(), -1));
		assertThat(failure()).isInstanceOf(RetryableFailure.class);
	}

	@Test
	void theKeyNeverAppearsInFailureMessages() {
		this.server.enqueue(Answer.json(403,
				"{\"error\":{\"code\":403,\"message\":\"key " + KEY + " lacks permission\",\"status\":\"PERMISSION_DENIED\"}}"));
		assertThat(failure().getMessage()).doesNotContain(KEY).contains("[redacted]");
	}

	@Test
	void decodedImageIsReadableByImageIo() throws IOException {
		this.server.enqueue(Answer.json(200, geminiAnswer("STOP", imagePart(png(40, 30)))));
		GeneratedImage generated = client(DataSize.ofMegabytes(64)).generate(REQUEST, this.work);
		assertThat(ImageIO.read(generated.file().toFile()).getWidth()).isEqualTo(40);
	}

	@Test
	void referenceImagesAreSentAsInlineDataWithTheirMimeType() throws IOException {
		// given
		byte[] reference = png(20, 20);
		Path file = this.work.resolve("ref.png");
		Files.write(file, reference);
		this.server.enqueue(Answer.json(200, geminiAnswer("STOP", imagePart(png(8, 8)))));
		ImageRequest request = new ImageRequest("gemini-3.1-flash-image-preview", "a mug like this", ImageSize.K1, "1:1",
				List.of(ReferenceImage.of(file)));
		// when
		client(DataSize.ofMegabytes(64)).generate(request, this.work);
		// then
		String body = this.server.received().get(0).bodyText();
		assertThat(body).contains("{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\""
				+ com.catalogimage.support.TestImages.base64(reference) + "\"}}");
		try (var files = Files.list(this.work)) {
			assertThat(files.map(Path::getFileName).map(Path::toString)).as("the request file is deleted")
				.noneMatch(name -> name.startsWith("request-"));
		}
	}

	@Test
	void aRequestOver20MbIsAnItemFailureDecidedBeforeSending() throws IOException {
		// given: 16 MB of reference image is over 21 MB as base64
		Path file = this.work.resolve("huge.png");
		byte[] bytes = new byte[16 * 1024 * 1024];
		System.arraycopy(png(4, 4), 0, bytes, 0, 8);
		Files.write(file, bytes);
		ImageRequest request = new ImageRequest("gemini-3.1-flash-image-preview", "a mug", ImageSize.K1, "1:1",
				List.of(ReferenceImage.of(file)));
		// when / then
		assertThatThrownBy(() -> client(DataSize.ofMegabytes(64)).generate(request, this.work))
			.isInstanceOfSatisfying(ItemFailure.class, failure -> {
				assertThat(failure.status()).isEqualTo("request-too-large");
				assertThat(failure.getMessage()).contains("at most 20 MB");
			});
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void aReferenceThatIsNoLongerAnImageIsAnItemFailure() throws IOException {
		Path file = this.work.resolve("ref.png");
		Files.writeString(file, "not a picture any more");
		ImageRequest request = new ImageRequest("gemini-3.1-flash-image-preview", "a mug", ImageSize.K1, "1:1",
				List.of(ReferenceImage.of(file)));
		assertThatThrownBy(() -> client(DataSize.ofMegabytes(64)).generate(request, this.work))
			.isInstanceOfSatisfying(ItemFailure.class,
					failure -> assertThat(failure.status()).isEqualTo("reference-not-an-image"));
		assertThat(this.server.received()).isEmpty();
	}

	/** PNG bytes as far as the client can tell (it checks the signature): {@code size} bytes that do not compress. */
	private static byte[] pngSized(int size) {
		byte[] bytes = new byte[size];
		new java.util.Random(7).nextBytes(bytes);
		System.arraycopy(png(4, 4), 0, bytes, 0, 8);
		return bytes;
	}

	private ProviderFailure failure() {
		return Clients.failure(client(DataSize.ofMegabytes(64)), REQUEST, this.work);
	}

	private GeminiImageClient client(DataSize cap) {
		return Clients.gemini(this.server.baseUrl(), KEY, cap);
	}

}
