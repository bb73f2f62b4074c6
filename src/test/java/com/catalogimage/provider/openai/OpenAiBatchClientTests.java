package com.catalogimage.provider.openai;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.catalogimage.provider.BatchCounts;
import com.catalogimage.provider.BatchInput;
import com.catalogimage.provider.BatchItem;
import com.catalogimage.provider.BatchLimits;
import com.catalogimage.provider.BatchOutcome;
import com.catalogimage.provider.BatchResultLine;
import com.catalogimage.provider.BatchState;
import com.catalogimage.provider.BatchStatus;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.image.ImageSize;
import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.ProviderFailure;
import com.catalogimage.provider.ReferenceImage;
import com.catalogimage.provider.ResultSource;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.provider.SystemicFailure;
import com.catalogimage.support.CannedHttpServer;
import com.catalogimage.support.CannedHttpServer.Answer;
import com.catalogimage.support.Clients;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import static com.catalogimage.support.TestImages.base64;
import static com.catalogimage.support.TestImages.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OpenAI Batch API client against canned answers shaped as the API's: the Batch object of openai-python's
 * {@code types/batch.py}, the create parameters of {@code batch_create_params.py} (endpoint
 * {@code /v1/images/generations} since February 2026), {@code purpose=batch} uploads of {@code file_create_params.py},
 * and output and error file lines as BatchRequestOutput in OpenAI's API reference (docs/image-api-contract.md; the
 * HTTP-level failure with {@code error: null} is openai/openai-openapi issue #302).
 */
class OpenAiBatchClientTests {

	private static final String KEY = "sk-test-0123456789abcdef";

	private static final String MODEL = "gpt-image-1";

	@TempDir
	Path work;

	@AutoClose
	private final CannedHttpServer server = new CannedHttpServer();

	@Test
	void onlyTheAnnouncedGptImageModelsAreBatchable() {
		for (String model : List.of("gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "chatgpt-image-latest",
				"GPT-IMAGE-1", "gpt-image-1-2025-04-15")) {
			assertThat(client().support(model).supported()).as(model).isTrue();
		}
		for (String model : List.of("dall-e-3", "dall-e-2", "gpt-image-2", "gpt-5-image", "gpt-image-1-turbo", "flux")) {
			assertThat(client().support(model).supported()).as(model).isFalse();
			assertThat(client().support(model).reason()).contains(model);
		}
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void eachLineCarriesTheCustomIdAndExactlyTheSynchronousBody() throws IOException {
		// given: the body the synchronous client sends for the same request
		ImageRequest landscape = new ImageRequest(MODEL, "a \"quoted\" mug", ImageSize.K1, "16:9");
		ImageRequest square = new ImageRequest(MODEL, "a teapot", ImageSize.K1, "1:1");
		String syncLandscape = syncBody(landscape);
		String syncSquare = syncBody(square);
		// when
		BatchInput input = client().writeInput(List.of(new BatchItem("sku-1#a", landscape),
				new BatchItem("sku-2#b", square)), this.work);
		// then
		assertThat(Files.readAllLines(input.file())).containsExactly(
				"{\"custom_id\":\"sku-1#a\",\"method\":\"POST\",\"url\":\"/v1/images/generations\",\"body\":"
						+ syncLandscape + "}",
				"{\"custom_id\":\"sku-2#b\",\"method\":\"POST\",\"url\":\"/v1/images/generations\",\"body\":" + syncSquare
						+ "}");
		assertThat(input.keys()).containsExactly("sku-1#a", "sku-2#b");
	}

	@Test
	void requestsTheModelCannotServeAreRejectedAndLinesPastTheRequestLimitDeferred() {
		List<BatchItem> items = List.of(item("a"),
				new BatchItem("ref", new ImageRequest(MODEL, "x", ImageSize.K1, "1:1",
						List.of(new ReferenceImage(this.work.resolve("r.png"), "image/png")))),
				new BatchItem("4k", new ImageRequest(MODEL, "x", ImageSize.K4, "1:1")), item("b"), item("c"));
		BatchInput input = client(new BatchLimits(Long.MAX_VALUE, 2)).writeInput(items, this.work);
		assertThat(input.keys()).containsExactly("a", "b");
		assertThat(input.rejected()).containsOnlyKeys("ref", "4k");
		assertThat(input.rejected().get("ref").status()).isEqualTo("reference-image-unsupported");
		assertThat(input.rejected().get("4k").status()).isEqualTo("size-unsupported");
		assertThat(input.deferred()).extracting(BatchItem::key).containsExactly("c");
	}

	@Test
	void theUploadIsMultipartWithPurposeBatchAndTheFileStreamedIn() throws IOException {
		// given
		BatchInput input = client().writeInput(List.of(item("a"), item("b")), this.work);
		this.server.enqueue(Answer.json(200, """
				{"id":"file-abc123","object":"file","bytes":%d,"created_at":1764000000,"filename":"run-7-shard-1.jsonl",
				 "purpose":"batch","expires_at":1766592000}""".formatted(input.bytes())));
		// when
		String id = client().upload(input, "run-7 shard/1");
		// then
		assertThat(id).isEqualTo("file-abc123");
		CannedHttpServer.Received upload = this.server.received().get(0);
		assertThat(upload.path()).isEqualTo("/v1/files");
		assertThat(upload.header("Authorization")).isEqualTo("Bearer " + KEY);
		String contentType = upload.header("Content-Type");
		assertThat(contentType).startsWith("multipart/form-data; boundary=");
		String boundary = contentType.substring(contentType.indexOf('=') + 1);
		String file = Files.readString(input.file());
		assertThat(upload.bodyText()).isEqualTo("--" + boundary + "\r\n"
				+ "Content-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--" + boundary + "\r\n"
				+ "Content-Disposition: form-data; name=\"file\"; filename=\"run-7_shard_1.jsonl\"\r\n"
				+ "Content-Type: application/jsonl\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n");
	}

	@Test
	void createAsksForTheImagesEndpointWithinTwentyFourHoursAndNamesTheBatchInItsMetadata() {
		this.server.enqueue(Answer.json(200, batch("batch_abc123", "validating", "null", "null")));
		BatchStatus created = client().create(MODEL, "file-abc123", "run-7-shard-1");
		CannedHttpServer.Received sent = this.server.received().get(0);
		assertThat(sent.path()).isEqualTo("/v1/batches");
		assertThat(sent.bodyText()).isEqualTo("{\"input_file_id\":\"file-abc123\",\"endpoint\":\"/v1/images/generations\","
				+ "\"completion_window\":\"24h\",\"metadata\":{\"display_name\":\"run-7-shard-1\"}}");
		assertThat(created.id()).isEqualTo("batch_abc123");
		assertThat(created.state()).isEqualTo(BatchState.PENDING);
		assertThat(created.rawState()).isEqualTo("validating");
		assertThat(created.displayName()).isEqualTo("run-7-shard-1");
		assertThat(created.createTime()).isEqualTo(Instant.ofEpochSecond(1764000000));
	}

	@Test
	void aRateLimitOnCreateIsRetryableWithTheServersHintAndNoQuotaStopsTheRun() {
		this.server.enqueue(Answer.json(429, """
				{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}}""")
			.withHeader("retry-after-ms", "1500"));
		assertThatThrownBy(() -> client().create(MODEL, "file-abc", "n"))
			.isInstanceOfSatisfying(RetryableFailure.class, failure -> {
				assertThat(failure.rateLimited()).isTrue();
				assertThat(failure.retryAfter()).isEqualTo(Duration.ofMillis(1500));
			});
		this.server.enqueue(Answer.json(429, """
				{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"""));
		assertThatThrownBy(() -> client().create(MODEL, "file-abc", "n")).isInstanceOf(SystemicFailure.class);
	}

	@Test
	void getReadsStateCountsBothFilesAndAValidationError() {
		this.server.enqueue(Answer.json(200, batch("batch_1", "completed", "\"file-out\"", "\"file-err\"")));
		this.server.enqueue(Answer.json(200, """
				{"id":"batch_2","object":"batch","endpoint":"/v1/images/generations","status":"failed","input_file_id":"file-in",
				 "completion_window":"24h","created_at":1764000000,"output_file_id":null,"error_file_id":null,
				 "errors":{"object":"list","data":[{"code":"token_limit_exceeded","message":"Enqueued token limit reached for gpt-image-1.","param":null,"line":null}]},
				 "request_counts":{"total":0,"completed":0,"failed":0},"metadata":{"display_name":"x"}}"""));
		BatchStatus done = client().get("batch_1");
		assertThat(this.server.received().get(0).path()).isEqualTo("/v1/batches/batch_1");
		assertThat(done.state()).isEqualTo(BatchState.SUCCEEDED);
		assertThat(done.counts()).isEqualTo(new BatchCounts(3, 2, 1, 0));
		assertThat(done.results()).containsExactly(new ResultSource(ResultSource.Kind.FILE, "file-out"),
				new ResultSource(ResultSource.Kind.ERROR_FILE, "file-err"));
		BatchStatus failed = client().get("batch_2");
		assertThat(failed.state()).isEqualTo(BatchState.FAILED);
		assertThat(failed.error()).isEqualTo("token_limit_exceeded: Enqueued token limit reached for gpt-image-1.");
		assertThat(failed.results()).isEmpty();
	}

	@Test
	void statesMapToTheCommonOnes() {
		assertThat(OpenAiBatchStatusReader.state("validating")).isEqualTo(BatchState.PENDING);
		assertThat(OpenAiBatchStatusReader.state("in_progress")).isEqualTo(BatchState.RUNNING);
		assertThat(OpenAiBatchStatusReader.state("finalizing")).isEqualTo(BatchState.RUNNING);
		assertThat(OpenAiBatchStatusReader.state("completed")).isEqualTo(BatchState.SUCCEEDED);
		assertThat(OpenAiBatchStatusReader.state("expired")).isEqualTo(BatchState.EXPIRED);
		assertThat(OpenAiBatchStatusReader.state("cancelling")).isEqualTo(BatchState.CANCELLING);
		assertThat(OpenAiBatchStatusReader.state("cancelled")).isEqualTo(BatchState.CANCELLED);
	}

	@Test
	void findingABatchByDisplayNameFollowsTheAfterCursorToTheEnd() {
		this.server.enqueue(Answer.json(200, "{\"object\":\"list\",\"data\":[" + batch("batch_9", "completed", "null", "null")
			.replace("run-7-shard-1", "other") + "],\"first_id\":\"batch_9\",\"last_id\":\"batch_9\",\"has_more\":true}"));
		this.server.enqueue(Answer.json(200, "{\"object\":\"list\",\"data\":[" + batch("batch_8", "in_progress", "null", "null")
				+ "],\"first_id\":\"batch_8\",\"last_id\":\"batch_8\",\"has_more\":false}"));
		assertThat(client().findByDisplayName("run-7-shard-1")).extracting(BatchStatus::id).containsExactly("batch_8");
		assertThat(this.server.received()).extracting(CannedHttpServer.Received::path)
			.containsExactly("/v1/batches?limit=100", "/v1/batches?limit=100&after=batch_9");
	}

	@Test
	void cancelAnswersWithTheBatchAndAFinishedBatchIsNoFailure() {
		this.server.enqueue(Answer.json(200, batch("batch_1", "cancelling", "null", "null")));
		assertThat(client().cancel("batch_1").state()).isEqualTo(BatchState.CANCELLING);
		assertThat(this.server.received().get(0).path()).isEqualTo("/v1/batches/batch_1/cancel");
		this.server.enqueue(Answer.json(400, """
				{"error":{"message":"Cannot cancel a batch with status 'completed'.","type":"invalid_request_error","param":null,"code":null}}"""));
		this.server.enqueue(Answer.json(200, batch("batch_2", "completed", "\"file-out\"", "null")));
		assertThat(client().cancel("batch_2").state()).isEqualTo(BatchState.SUCCEEDED);
	}

	@Test
	void everyLinesStatusCodeIsCheckedAndResultsAreMatchedByCustomId() throws IOException {
		// given: an output file out of input order, a 400 with error null, the body before its status code, and an
		// error file line of a request the expired batch never ran
		byte[] first = png(16, 16);
		byte[] second = png(20, 20);
		String output = String.join("\n",
				line("c", "200", answer(second)),
				line("a", "200", answer(first)),
				line("m", "400", """
						{"error":{"message":"Your request was rejected by the safety system.","type":"image_generation_user_error","param":null,"code":"moderation_blocked"}}"""),
				"{\"id\":\"batch_req_4\",\"custom_id\":\"r\",\"response\":{\"body\":" + answer(png(8, 8))
						+ ",\"request_id\":\"req_4\",\"status_code\":500},\"error\":null}",
				line("q", "429", """
						{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}"""))
				+ "\n";
		String errors = "{\"id\":\"batch_req_9\",\"custom_id\":\"x\",\"response\":null,\"error\":{\"code\":\"batch_expired\","
				+ "\"message\":\"This request could not be executed before the completion window expired.\"}}\n";
		this.server.enqueue(Answer.json(200, output));
		this.server.enqueue(Answer.json(200, errors));
		List<BatchResultLine> lines = new ArrayList<>();
		List<byte[]> images = new ArrayList<>();
		// when
		for (ResultSource source : List.of(new ResultSource(ResultSource.Kind.FILE, "file-out"),
				new ResultSource(ResultSource.Kind.ERROR_FILE, "file-err"))) {
			client().readResults(source, 0, this.work, line -> {
				lines.add(line);
				if (line.outcome() instanceof BatchOutcome.Delivered delivered) {
					images.add(read(delivered.image().file()));
					assertThat(delivered.image().usage().outputImageTokens()).isEqualTo(1056);
				}
			});
		}
		// then
		assertThat(this.server.received()).extracting(CannedHttpServer.Received::path)
			.containsExactly("/v1/files/file-out/content", "/v1/files/file-err/content");
		assertThat(lines).extracting(BatchResultLine::key).containsExactly("c", "a", "m", "r", "q", "x");
		assertThat(images).containsExactly(second, first);
		assertThat(failure(lines.get(2))).isInstanceOfSatisfying(ItemFailure.class,
				failure -> assertThat(failure.status()).isEqualTo("400 moderation_blocked"));
		assertThat(failure(lines.get(3))).as("a 500 line's image is not taken").isInstanceOf(RetryableFailure.class);
		assertThat(failure(lines.get(4))).isInstanceOfSatisfying(RetryableFailure.class,
				failure -> assertThat(failure.rateLimited()).isTrue());
		assertThat(failure(lines.get(5))).isInstanceOfSatisfying(RetryableFailure.class,
				failure -> assertThat(failure.status()).isEqualTo("batch_expired"));
		try (var left = Files.list(this.work)) {
			assertThat(left).as("no image file is left behind").isEmpty();
		}
	}

	private static String line(String customId, String status, String body) {
		return "{\"id\":\"batch_req_" + customId + "\",\"custom_id\":\"" + customId + "\",\"response\":{\"status_code\":"
				+ status + ",\"request_id\":\"req_" + customId + "\",\"body\":" + body.strip() + "},\"error\":null}";
	}

	private static String answer(byte[] image) {
		return "{\"created\":1764000000,\"data\":[{\"b64_json\":\"" + base64(image) + "\"}],"
				+ "\"usage\":{\"total_tokens\":1106,\"input_tokens\":50,\"output_tokens\":1056,"
				+ "\"input_tokens_details\":{\"text_tokens\":50,\"image_tokens\":0}}}";
	}

	private static String batch(String id, String status, String outputFile, String errorFile) {
		return """
				{"id":"%s","object":"batch","endpoint":"/v1/images/generations","errors":null,"input_file_id":"file-abc123",
				 "completion_window":"24h","status":"%s","output_file_id":%s,"error_file_id":%s,"created_at":1764000000,
				 "in_progress_at":null,"expires_at":1764086400,"completed_at":null,"failed_at":null,"expired_at":null,
				 "request_counts":{"total":3,"completed":2,"failed":1},"metadata":{"display_name":"run-7-shard-1"}}"""
			.formatted(id, status, outputFile, errorFile);
	}

	private static ProviderFailure failure(BatchResultLine line) {
		assertThat(line.outcome()).isInstanceOf(BatchOutcome.Failed.class);
		return ((BatchOutcome.Failed) line.outcome()).failure();
	}

	private String syncBody(ImageRequest request) {
		this.server.enqueue(Answer.json(200, answer(png(4, 4))));
		Clients.openai(this.server.baseUrl(), KEY).generate(request, this.work.resolve("sync"));
		List<CannedHttpServer.Received> received = this.server.received();
		return received.get(received.size() - 1).bodyText();
	}

	private static BatchItem item(String key) {
		return new BatchItem(key, new ImageRequest(MODEL, "product " + key, ImageSize.K1, "1:1"));
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private OpenAiBatchClient client() {
		return client(OpenAiBatchClient.LIMITS);
	}

	private OpenAiBatchClient client(BatchLimits limits) {
		return new OpenAiBatchClient(Clients.http(Clients.properties("openai", DataSize.ofMegabytes(1))),
				this.server.baseUrl(), () -> KEY, Duration.ofSeconds(20), Duration.ofSeconds(60), Clients.redactor(KEY),
				limits, Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC));
	}

}
