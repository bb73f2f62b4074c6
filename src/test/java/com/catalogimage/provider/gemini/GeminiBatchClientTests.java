package com.catalogimage.provider.gemini;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.catalogimage.provider.BatchCounts;
import com.catalogimage.provider.BatchImageClient;
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

import static com.catalogimage.support.TestImages.geminiAnswer;
import static com.catalogimage.support.TestImages.imagePart;
import static com.catalogimage.support.TestImages.png;
import static com.catalogimage.support.TestImages.textPart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Gemini Batch API client against canned answers shaped as the API's: docs/image-api-contract.md section 2 (from
 * https://ai.google.dev/gemini-api/docs/batch-mode and the API reference), the Files API's resumable upload as
 * googleapis/java-genai {@code Files.java} and {@code UploadClient.java} speak it, and the Operation fields the SDK's
 * {@code Batches.java} reads ({@code metadata.displayName}, {@code metadata.state}, {@code metadata.output},
 * {@code operations} and {@code nextPageToken} of a listing).
 */
class GeminiBatchClientTests {

	private static final String KEY = "test-key-0123456789";

	private static final String MODEL = "gemini-3.1-flash-image-preview";

	@TempDir
	Path work;

	@AutoClose
	private final CannedHttpServer server = new CannedHttpServer();

	@Test
	void aModelIsBatchableWhenItListsBatchGenerateContent() {
		this.server.enqueue(Answer.json(200, """
				{"name":"models/gemini-3.1-flash-image-preview","version":"3.1","displayName":"Nano Banana 2",
				 "supportedGenerationMethods":["generateContent","countTokens","batchGenerateContent"]}"""));
		this.server.enqueue(Answer.json(200, """
				{"name":"models/gemini-3.1-flash-image-preview","supportedGenerationMethods":["generateContent","countTokens"]}"""));
		this.server.enqueue(Answer.json(404, "{\"error\":{\"code\":404,\"message\":\"models/nope is not found\",\"status\":\"NOT_FOUND\"}}"));
		assertThat(client().support(MODEL).supported()).isTrue();
		assertThat(client().support(MODEL).reason()).contains("does not list batchGenerateContent");
		assertThat(client().support("nope").reason()).contains("does not know model nope");
		CannedHttpServer.Received asked = this.server.received().get(0);
		assertThat(asked.method()).isEqualTo("GET");
		assertThat(asked.path()).isEqualTo("/v1beta/models/" + MODEL);
		assertThat(asked.header("x-goog-api-key")).isEqualTo(KEY);
	}

	@Test
	void eachLineCarriesTheKeyAndExactlyTheSynchronousRequestWithItsReferenceInline() throws IOException {
		// given: the body the synchronous client sends for the same request
		Path reference = Files.write(this.work.resolve("ref.png"), png(30, 20));
		ImageRequest withReference = new ImageRequest(MODEL, "a mug like this", ImageSize.K2, "4:3",
				List.of(ReferenceImage.of(reference)));
		ImageRequest plain = new ImageRequest(MODEL, "a \"quoted\" teapot", ImageSize.K1, "1:1");
		String syncWithReference = syncBody(withReference);
		String syncPlain = syncBody(plain);
		// when
		BatchInput input = client().writeInput(
				List.of(new BatchItem("sku-1#a", withReference), new BatchItem("sku-2#b", plain)), this.work);
		// then
		assertThat(Files.readAllLines(input.file())).containsExactly(
				"{\"key\":\"sku-1#a\",\"request\":" + syncWithReference + "}",
				"{\"key\":\"sku-2#b\",\"request\":" + syncPlain + "}");
		assertThat(syncWithReference).contains("\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"");
		assertThat(input.keys()).containsExactly("sku-1#a", "sku-2#b");
		assertThat(input.bytes()).isEqualTo(Files.size(input.file()));
		assertThat(input.model()).isEqualTo(MODEL);
		assertThat(input.rejected()).isEmpty();
		assertThat(input.deferred()).isEmpty();
	}

	@Test
	void anItemThatCanNeverBeSentIsRejectedAndItemsPastTheFileLimitAreDeferred() throws IOException {
		// given: a reference that is no image, and a file limit that holds two plain lines
		Path notAnImage = Files.writeString(this.work.resolve("ref.png"), "not a picture");
		List<BatchItem> items = List.of(item("a"), new BatchItem("bad", new ImageRequest(MODEL, "x", ImageSize.K1,
				"1:1", List.of(ReferenceImage.of(notAnImage)))), item("b"), item("c"), item("d"));
		long twoLines = client().writeInput(List.of(item("a"), item("b")), this.work).bytes();
		GeminiBatchClient limited = client(new BatchLimits(twoLines + 10, 1000));
		// when
		BatchInput input = limited.writeInput(items, this.work);
		// then
		assertThat(input.keys()).containsExactly("a", "b");
		assertThat(input.rejected()).containsOnlyKeys("bad");
		assertThat(input.rejected().get("bad").status()).isEqualTo("reference-not-an-image");
		assertThat(input.deferred()).extracting(BatchItem::key).containsExactly("c", "d");
		assertThat(Files.readAllLines(input.file())).hasSize(2);
		assertThat(Files.size(input.file())).isLessThanOrEqualTo(twoLines + 10);
	}

	@Test
	void theUploadStartsAResumableSessionAndStreamsTheFileIntoIt() throws IOException {
		// given: the start answers with the session URL in x-goog-upload-url, the upload with the File
		BatchInput input = client().writeInput(List.of(item("a"), item("b")), this.work);
		String session = this.server.baseUrl() + "/upload/v1beta/files?upload_id=AAA-session&upload_protocol=resumable";
		this.server.enqueue(Answer.json(200, "").withHeader("X-Goog-Upload-URL", session)
			.withHeader("X-Goog-Upload-Status", "active"));
		this.server.enqueue(Answer.json(200, """
				{"file":{"name":"files/abc123xyz","displayName":"run-7-shard-1","mimeType":"application/jsonl",
				 "sizeBytes":"%d","state":"ACTIVE","uri":"https://generativelanguage.googleapis.com/v1beta/files/abc123xyz"}}"""
			.formatted(input.bytes())).withHeader("X-Goog-Upload-Status", "final"));
		// when
		String name = client().upload(input, "run-7-shard-1");
		// then
		assertThat(name).isEqualTo("files/abc123xyz");
		CannedHttpServer.Received start = this.server.received().get(0);
		assertThat(start.path()).isEqualTo("/upload/v1beta/files");
		assertThat(start.header("X-Goog-Upload-Protocol")).isEqualTo("resumable");
		assertThat(start.header("X-Goog-Upload-Command")).isEqualTo("start");
		assertThat(start.header("X-Goog-Upload-Header-Content-Length")).isEqualTo(Long.toString(input.bytes()));
		assertThat(start.header("x-goog-api-key")).isEqualTo(KEY);
		assertThat(start.bodyText()).isEqualTo("{\"file\":{\"displayName\":\"run-7-shard-1\"}}");
		CannedHttpServer.Received upload = this.server.received().get(1);
		assertThat(upload.path()).isEqualTo("/upload/v1beta/files?upload_id=AAA-session&upload_protocol=resumable");
		assertThat(upload.header("X-Goog-Upload-Command")).isEqualTo("upload, finalize");
		assertThat(upload.header("X-Goog-Upload-Offset")).isEqualTo("0");
		assertThat(upload.body()).isEqualTo(Files.readAllBytes(input.file()));
	}

	@Test
	void aFileOverEightMibGoesInChunksAtTheirOffsetsAndOnlyTheLastFinalizes() throws IOException {
		// given: one line with a 7 MB reference image, over 9 MB as base64; the start announces the 8 MiB granularity
		byte[] picture = new byte[7 * 1024 * 1024];
		new java.util.Random(3).nextBytes(picture);
		System.arraycopy(png(4, 4), 0, picture, 0, 8);
		Path reference = Files.write(this.work.resolve("big.png"), picture);
		BatchInput input = client().writeInput(List.of(new BatchItem("a", new ImageRequest(MODEL, "like this",
				ImageSize.K1, "1:1", List.of(ReferenceImage.of(reference))))), this.work);
		long chunk = 8L * 1024 * 1024;
		assertThat(input.bytes()).isGreaterThan(chunk);
		String session = this.server.baseUrl() + "/upload/v1beta/files?upload_id=s1&upload_protocol=resumable";
		this.server.enqueue(Answer.json(200, "").withHeader("X-Goog-Upload-URL", session)
			.withHeader("X-Goog-Upload-Chunk-Granularity", Long.toString(chunk)));
		this.server.enqueue(Answer.json(200, "").withHeader("X-Goog-Upload-Status", "active"));
		this.server.enqueue(Answer.json(200, "{\"file\":{\"name\":\"files/big1\"}}")
			.withHeader("X-Goog-Upload-Status", "final"));
		// when
		String name = client().upload(input, "big");
		// then
		assertThat(name).isEqualTo("files/big1");
		List<CannedHttpServer.Received> chunks = this.server.received().subList(1, 3);
		assertThat(chunks).extracting(received -> received.header("X-Goog-Upload-Command"))
			.containsExactly("upload", "upload, finalize");
		assertThat(chunks).extracting(received -> received.header("X-Goog-Upload-Offset"))
			.containsExactly("0", Long.toString(chunk));
		assertThat(chunks.get(0).body()).hasSize((int) chunk);
		java.io.ByteArrayOutputStream sent = new java.io.ByteArrayOutputStream();
		sent.write(chunks.get(0).body());
		sent.write(chunks.get(1).body());
		assertThat(sent.toByteArray()).isEqualTo(Files.readAllBytes(input.file()));
	}

	@Test
	void theKeyNeverGoesToAnUploadSessionOnAnotherHost() throws IOException {
		try (CannedHttpServer elsewhere = new CannedHttpServer()) {
			BatchInput input = client().writeInput(List.of(item("a")), this.work);
			this.server.enqueue(Answer.json(200, "").withHeader("X-Goog-Upload-URL",
					elsewhere.baseUrl() + "/upload?upload_id=s"));
			elsewhere.enqueue(Answer.json(200, "{\"file\":{\"name\":\"files/f1\"}}"));
			assertThat(client().upload(input, "n")).isEqualTo("files/f1");
			assertThat(elsewhere.received().get(0).header("x-goog-api-key")).isNull();
		}
	}

	@Test
	void createSendsTheDisplayNameAndTheFileAndReadsTheOperation() {
		// given: batchGenerateContent answers with a long-running Operation
		this.server.enqueue(Answer.json(200, """
				{"name":"batches/123456","metadata":{"@type":"type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch",
				 "model":"models/gemini-3.1-flash-image-preview","displayName":"run-7-shard-1","createTime":"2026-11-24T07:00:00.123456Z",
				 "updateTime":"2026-11-24T07:00:00.123456Z","batchStats":{"requestCount":"2","pendingRequestCount":"2"},
				 "state":"BATCH_STATE_PENDING","name":"batches/123456"}}"""));
		// when
		BatchStatus created = client().create(MODEL, "files/abc123xyz", "run-7-shard-1");
		// then
		CannedHttpServer.Received sent = this.server.received().get(0);
		assertThat(sent.path()).isEqualTo("/v1beta/models/" + MODEL + ":batchGenerateContent");
		assertThat(sent.bodyText())
			.isEqualTo("{\"batch\":{\"displayName\":\"run-7-shard-1\",\"inputConfig\":{\"fileName\":\"files/abc123xyz\"}}}");
		assertThat(created.id()).isEqualTo("batches/123456");
		assertThat(created.displayName()).isEqualTo("run-7-shard-1");
		assertThat(created.state()).isEqualTo(BatchState.PENDING);
		assertThat(created.rawState()).isEqualTo("BATCH_STATE_PENDING");
		assertThat(created.counts()).isEqualTo(new BatchCounts(2, 0, 0, 2));
		assertThat(created.createTime()).isEqualTo(Instant.parse("2026-11-24T07:00:00.123456Z"));
		assertThat(created.results()).isEmpty();
	}

	@Test
	void aFullQueueOnCreateIsARetryableRateLimitWithTheProvidersHint() {
		// exceeding the enqueued-token cap makes create fail with 429 RESOURCE_EXHAUSTED
		this.server.enqueue(Answer.json(429, """
				{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED",
				 "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"37s"}]}}"""));
		assertThatThrownBy(() -> client().create(MODEL, "files/abc", "n"))
			.isInstanceOfSatisfying(RetryableFailure.class, failure -> {
				assertThat(failure.rateLimited()).isTrue();
				assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(37));
			});
	}

	@Test
	void getReadsStateCountsAndWhereTheResultsAre() {
		// a finished file batch: the responses file in response and mirrored in metadata.output
		this.server.enqueue(Answer.json(200, """
				{"name":"batches/123456","metadata":{"@type":"type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch",
				 "model":"models/gemini-3.1-flash-image-preview","displayName":"run-7-shard-1","state":"BATCH_STATE_SUCCEEDED",
				 "batchStats":{"requestCount":"3","successfulRequestCount":"2","failedRequestCount":"1"},
				 "output":{"responsesFile":"files/batch-abc"}},
				 "done":true,"response":{"@type":"type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput",
				 "responsesFile":"files/batch-abc"}}"""));
		// small batches answer inline even for file input; the SDK spelling of the state is read too
		this.server.enqueue(Answer.json(200, """
				{"name":"batches/777","metadata":{"state":"JOB_STATE_SUCCEEDED","displayName":"x",
				 "output":{"inlinedResponses":{"inlinedResponses":[{"response":%s}]}}},
				 "done":true,"response":{"inlinedResponses":{"inlinedResponses":[{"response":%s}]}}}"""
			.formatted(geminiAnswer("STOP", imagePart(png(8, 8))), geminiAnswer("STOP", imagePart(png(8, 8))))));
		this.server.enqueue(Answer.json(200, """
				{"name":"batches/999","metadata":{"state":"BATCH_STATE_CANCELLED"},"done":true,
				 "error":{"code":1,"message":"The batch was cancelled."}}"""));
		BatchStatus file = client().get("batches/123456");
		assertThat(file.state()).isEqualTo(BatchState.SUCCEEDED);
		assertThat(file.counts()).isEqualTo(new BatchCounts(3, 2, 1, 0));
		assertThat(file.results()).containsExactly(new ResultSource(ResultSource.Kind.FILE, "files/batch-abc"));
		assertThat(this.server.received().get(0).path()).isEqualTo("/v1beta/batches/123456");
		BatchStatus inline = client().get("batches/777");
		assertThat(inline.state()).isEqualTo(BatchState.SUCCEEDED);
		assertThat(inline.results()).containsExactly(new ResultSource(ResultSource.Kind.INLINE, "batches/777"));
		// a batch whose results are in a file is read from the file, never also from an inline list
		this.server.enqueue(Answer.json(200, """
				{"name":"batches/888","metadata":{"state":"BATCH_STATE_SUCCEEDED","output":{"responsesFile":"files/batch-888",
				 "inlinedResponses":{"inlinedResponses":[{"response":{}}]}}}}"""));
		BatchStatus cancelled = client().get("batches/999");
		assertThat(cancelled.state()).isEqualTo(BatchState.CANCELLED);
		assertThat(cancelled.state().terminal()).isTrue();
		assertThat(cancelled.error()).isEqualTo("1: The batch was cancelled.");
		assertThat(client().get("batches/888").results())
			.containsExactly(new ResultSource(ResultSource.Kind.FILE, "files/batch-888"));
	}

	@Test
	void statesMapToTheCommonOnesAndAnUnknownOneKeepsPolling() {
		assertThat(GeminiBatchStatusReader.state("BATCH_STATE_RUNNING")).isEqualTo(BatchState.RUNNING);
		assertThat(GeminiBatchStatusReader.state("JOB_STATE_PENDING")).isEqualTo(BatchState.PENDING);
		assertThat(GeminiBatchStatusReader.state("BATCH_STATE_EXPIRED")).isEqualTo(BatchState.EXPIRED);
		assertThat(GeminiBatchStatusReader.state("BATCH_STATE_FAILED")).isEqualTo(BatchState.FAILED);
		assertThat(GeminiBatchStatusReader.state("JOB_STATE_CANCELLING")).isEqualTo(BatchState.CANCELLING);
		assertThat(GeminiBatchStatusReader.state("BATCH_STATE_UNSPECIFIED")).isEqualTo(BatchState.PENDING);
		assertThat(GeminiBatchStatusReader.state("SOMETHING_NEW").terminal()).isFalse();
	}

	@Test
	void findingABatchByDisplayNamePagesThroughTheWholeListing() {
		this.server.enqueue(Answer.json(200, """
				{"operations":[{"name":"batches/1","metadata":{"displayName":"other","state":"BATCH_STATE_SUCCEEDED"}}],
				 "nextPageToken":"page/2=="}"""));
		this.server.enqueue(Answer.json(200, """
				{"operations":[{"name":"batches/2","metadata":{"displayName":"run-7-shard-1","state":"BATCH_STATE_RUNNING"}},
				 {"name":"batches/3","metadata":{"displayName":"run-7-shard-2","state":"BATCH_STATE_PENDING"}}]}"""));
		List<BatchStatus> found = client().findByDisplayName("run-7-shard-1");
		assertThat(found).extracting(BatchStatus::id).containsExactly("batches/2");
		assertThat(this.server.received()).extracting(CannedHttpServer.Received::path)
			.containsExactly("/v1beta/batches?pageSize=100", "/v1beta/batches?pageSize=100&pageToken=page%2F2%3D%3D");
	}

	@Test
	void cancelPostsToTheBatchAndAnEndedBatchIsNoFailure() {
		// cancel answers {} and the state comes from a get
		this.server.enqueue(Answer.json(200, "{}"));
		this.server.enqueue(Answer.json(200, "{\"name\":\"batches/5\",\"metadata\":{\"state\":\"BATCH_STATE_CANCELLED\"}}"));
		assertThat(client().cancel("batches/5").state()).isEqualTo(BatchState.CANCELLED);
		assertThat(this.server.received().get(0).method()).isEqualTo("POST");
		assertThat(this.server.received().get(0).path()).isEqualTo("/v1beta/batches/5:cancel");
		// a batch that succeeded meanwhile refuses the cancel; its final state is the answer
		this.server.enqueue(Answer.json(400,
				"{\"error\":{\"code\":400,\"message\":\"Batch is already in a terminal state.\",\"status\":\"FAILED_PRECONDITION\"}}"));
		this.server.enqueue(Answer.json(200, "{\"name\":\"batches/6\",\"metadata\":{\"state\":\"BATCH_STATE_SUCCEEDED\"}}"));
		assertThat(client().cancel("batches/6").state()).isEqualTo(BatchState.SUCCEEDED);
		// a refusal for a batch still running stays a failure
		this.server.enqueue(Answer.json(403, "{\"error\":{\"code\":403,\"message\":\"denied\",\"status\":\"PERMISSION_DENIED\"}}"));
		this.server.enqueue(Answer.json(200, "{\"name\":\"batches/7\",\"metadata\":{\"state\":\"BATCH_STATE_RUNNING\"}}"));
		assertThatThrownBy(() -> client().cancel("batches/7")).isInstanceOf(SystemicFailure.class);
	}

	@Test
	void resultLinesAreMatchedByKeyInFileOrderEachClassifiedAsTheSynchronousAnswerWouldBe() throws IOException {
		// given: a responses file, lines out of input order, one key twice, the key after the response, failures
		byte[] first = png(16, 16);
		byte[] duplicate = png(24, 24);
		byte[] late = png(12, 12);
		String file = String.join("\n",
				"{\"key\":\"c\",\"response\":" + geminiAnswer("STOP", imagePart(first)) + "}",
				"{\"key\":\"a\",\"error\":{\"code\":3,\"message\":\"Request contains an invalid argument.\",\"details\":[]}}",
				"{\"key\":\"c\",\"response\":" + geminiAnswer("STOP", imagePart(duplicate)) + "}",
				"{\"response\":" + geminiAnswer("STOP", imagePart(late)) + ",\"key\":\"b\"}",
				"{\"key\":\"d\",\"response\":" + geminiAnswer("IMAGE_SAFETY", textPart("no")) + "}",
				"{\"key\":\"e\",\"error\":{\"code\":8,\"message\":\"Resource has been exhausted\"}}",
				"{\"key\":\"f\",\"error\":{\"code\":1,\"message\":\"cancelled\"}}",
				"{\"key\":\"g\",\"response\":{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"}}}") + "\n";
		this.server.enqueue(Answer.json(200, file));
		List<BatchResultLine> lines = new ArrayList<>();
		List<byte[]> images = new ArrayList<>();
		// when
		client().readResults(new ResultSource(ResultSource.Kind.FILE, "files/batch-abc"), 0, this.work, line -> {
			lines.add(line);
			if (line.outcome() instanceof BatchOutcome.Delivered delivered) {
				images.add(read(delivered.image().file()));
			}
		});
		// then
		CannedHttpServer.Received download = this.server.received().get(0);
		assertThat(download.path()).isEqualTo("/download/v1beta/files/batch-abc:download?alt=media");
		assertThat(download.header("x-goog-api-key")).isEqualTo(KEY);
		assertThat(lines).extracting(BatchResultLine::key).containsExactly("c", "a", "c", "b", "d", "e", "f", "g");
		assertThat(lines).extracting(BatchResultLine::index).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
		assertThat(images).containsExactly(first, duplicate, late);
		assertThat(failure(lines.get(1))).isInstanceOfSatisfying(ItemFailure.class,
				failure -> assertThat(failure.status()).isEqualTo("400 INVALID_ARGUMENT"));
		assertThat(failure(lines.get(4))).isInstanceOfSatisfying(ItemFailure.class,
				failure -> assertThat(failure.status()).isEqualTo("IMAGE_SAFETY"));
		assertThat(failure(lines.get(5))).isInstanceOfSatisfying(RetryableFailure.class,
				failure -> assertThat(failure.status()).isEqualTo("429 RESOURCE_EXHAUSTED"));
		assertThat(failure(lines.get(6))).isInstanceOfSatisfying(RetryableFailure.class,
				failure -> assertThat(failure.status()).isEqualTo("1 CANCELLED"));
		assertThat(failure(lines.get(7))).isInstanceOfSatisfying(ItemFailure.class,
				failure -> assertThat(failure.status()).isEqualTo("blocked:PROHIBITED_CONTENT"));
		try (var left = Files.list(this.work)) {
			assertThat(left).as("each delivered image is deleted once its callback returned").isEmpty();
		}
	}

	@Test
	void anImageTheHandlerMovesIsKeptAndReadingResumesFromAnIndexWithoutDecodingTheLinesBefore() throws IOException {
		// given
		String file = String.join("\n", "{\"key\":\"a\",\"response\":" + geminiAnswer("STOP", imagePart(png(8, 8))) + "}",
				"{\"key\":\"b\",\"response\":" + geminiAnswer("STOP", imagePart(png(9, 9))) + "}",
				"{\"key\":\"c\",\"response\":" + geminiAnswer("STOP", imagePart(png(10, 10))) + "}");
		this.server.enqueue(Answer.json(200, file));
		Path kept = Files.createDirectories(this.work.resolve("cache"));
		List<String> keys = new ArrayList<>();
		// when
		client().readResults(new ResultSource(ResultSource.Kind.FILE, "files/batch-abc"), 1, this.work, line -> {
			keys.add(line.key() + "@" + line.index());
			moveDelivered(line, kept.resolve(line.key() + ".png"));
		});
		// then
		assertThat(keys).containsExactly("b@1", "c@2");
		assertThat(read(kept.resolve("b.png"))).isEqualTo(png(9, 9));
		try (var left = Files.list(this.work)) {
			assertThat(left).containsExactly(kept);
		}
	}

	@Test
	void inlineResultsAreReadOnceThoughTheOperationMirrorsThem() throws IOException {
		// given: metadata.output and response both carry the list; the backend echoes metadata.key, or not at all
		String list = "{\"inlinedResponses\":{\"inlinedResponses\":[{\"metadata\":{\"key\":\"a\"},\"response\":"
				+ geminiAnswer("STOP", imagePart(png(8, 8))) + "},{\"response\":" + geminiAnswer("STOP", imagePart(png(9, 9)))
				+ "}]}}";
		this.server.enqueue(Answer.json(200, "{\"name\":\"batches/777\",\"metadata\":{\"state\":\"BATCH_STATE_SUCCEEDED\","
				+ "\"output\":" + list + "},\"done\":true,\"response\":" + list + "}"));
		List<BatchResultLine> lines = new ArrayList<>();
		// when
		client().readResults(new ResultSource(ResultSource.Kind.INLINE, "batches/777"), 0, this.work, lines::add);
		// then
		assertThat(this.server.received().get(0).path()).isEqualTo("/v1beta/batches/777");
		assertThat(lines).extracting(BatchResultLine::key).containsExactly("a", null);
		assertThat(lines).allMatch(line -> line.outcome() instanceof BatchOutcome.Delivered);
	}

	@Test
	void aResultFileThatIsGoneIsAnItemFailureAndACutDownloadIsRetryableAfterTheWholeLinesBeforeIt() {
		this.server.enqueue(Answer.json(404, "{\"error\":{\"code\":404,\"message\":\"File not found\",\"status\":\"NOT_FOUND\"}}"));
		assertThatThrownBy(() -> client().readResults(new ResultSource(ResultSource.Kind.FILE, "files/old"), 0,
				this.work, line -> {
				}))
			.isInstanceOfSatisfying(ItemFailure.class,
					failure -> assertThat(failure.status()).isEqualTo(BatchImageClient.RESULTS_GONE));
		String whole = "{\"key\":\"a\",\"response\":" + geminiAnswer("STOP", imagePart(png(8, 8))) + "}\n";
		String cut = "{\"key\":\"b\",\"response\":" + geminiAnswer("STOP", imagePart(png(300, 300))) + "}\n";
		this.server.enqueue(Answer.json(200, whole + cut).truncatedAfter(whole.length() + cut.length() / 2));
		List<String> keys = new ArrayList<>();
		assertThatThrownBy(() -> client().readResults(new ResultSource(ResultSource.Kind.FILE, "files/f"), 0, this.work,
				line -> keys.add(line.key())))
			.isInstanceOfSatisfying(RetryableFailure.class,
					failure -> assertThat(failure.status()).isEqualTo("truncated-body"));
		assertThat(keys).containsExactly("a");
	}

	@Test
	void theKeyNeverAppearsInALinesFailure() {
		this.server.enqueue(Answer.json(200,
				"{\"key\":\"a\",\"error\":{\"code\":7,\"message\":\"key " + KEY + " lacks permission\"}}\n"));
		List<BatchResultLine> lines = new ArrayList<>();
		client().readResults(new ResultSource(ResultSource.Kind.FILE, "files/f"), 0, this.work, lines::add);
		assertThat(failure(lines.get(0)).getMessage()).doesNotContain(KEY).contains("[redacted]");
	}

	private static ProviderFailure failure(BatchResultLine line) {
		assertThat(line.outcome()).isInstanceOf(BatchOutcome.Failed.class);
		return ((BatchOutcome.Failed) line.outcome()).failure();
	}

	private String syncBody(ImageRequest request) {
		this.server.enqueue(Answer.json(200, geminiAnswer("STOP", imagePart(png(4, 4)))));
		Clients.gemini(this.server.baseUrl(), KEY).generate(request, this.work.resolve("sync"));
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

	private GeminiBatchClient client() {
		return client(GeminiBatchClient.LIMITS);
	}

	private GeminiBatchClient client(BatchLimits limits) {
		return new GeminiBatchClient(Clients.http(Clients.properties("gemini", org.springframework.util.unit.DataSize.ofMegabytes(1))),
				this.server.baseUrl(), () -> KEY, Duration.ofSeconds(20), Duration.ofSeconds(60), Clients.redactor(KEY),
				limits);
	}

	/** What a handler that keeps the images does (the image cache publishes them): move each delivered file. */
	private static void moveDelivered(BatchResultLine line, Path target) {
		if (line.outcome() instanceof BatchOutcome.Delivered delivered) {
			try {
				Files.move(delivered.image().file(), target);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
	}

}
