package com.catalogimage.simulator;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.catalogimage.support.Simulators;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static com.catalogimage.simulator.BatchCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's Gemini Batch API as raw HTTP: the Files API resumable upload, the model resources, the batch's
 * Operation through its states, the result file, and every batch fault. Batches move on a hand-driven clock.
 */
class GeminiBatchSimulatorTests {

	private static final String MODEL = "gemini-2.5-flash-image";

	private final ManualClock clock = new ManualClock();

	@AutoClose
	private SimulatorServer simulator;

	private BatchCalls calls;

	/** The scaled batch delay: PENDING for its first half, RUNNING for its second. */
	private Duration delay;

	@Test
	void resumableUploadTakesChunksAtTheirOffsetsAndAnswersTheFileResource() {
		// given
		start();
		byte[] bytes = (line("sku-1", "a mug") + line("sku-2", "a lamp")).getBytes(StandardCharsets.UTF_8);
		int half = bytes.length / 2;
		// when
		HttpResponse<String> started = this.calls.post("/upload/v1beta/files",
				"{\"file\":{\"display_name\":\"catalog input\"}}".getBytes(StandardCharsets.UTF_8),
				Map.of("X-Goog-Upload-Protocol", "resumable", "X-Goog-Upload-Command", "start",
						"X-Goog-Upload-Header-Content-Length", String.valueOf(bytes.length),
						"X-Goog-Upload-Header-Content-Type", "application/jsonl", "Content-Type", "application/json"));
		String url = started.headers().firstValue("x-goog-upload-url").orElseThrow();
		HttpResponse<String> first = chunk(url, bytes, 0, half, "upload");
		HttpResponse<String> repeated = chunk(url, bytes, 0, half, "upload");
		HttpResponse<String> query = this.calls.post(url, new byte[0], Map.of("X-Goog-Upload-Command", "query"));
		HttpResponse<String> last = chunk(url, bytes, half, bytes.length, "upload, finalize");
		String name = json(last).read("$.file.name");
		// then
		assertThat(started.statusCode()).isEqualTo(200);
		assertThat(started.headers().firstValue("x-goog-upload-status")).hasValue("active");
		assertThat(url).startsWith(this.simulator.baseUrl() + "/upload/v1beta/files?upload_id=");
		assertThat(first.headers().firstValue("x-goog-upload-status")).hasValue("active");
		assertThat(repeated.statusCode()).as("an offset that is not the bytes received").isEqualTo(400);
		assertThat(query.headers().firstValue("x-goog-upload-size-received")).hasValue(String.valueOf(half));
		assertThat(last.headers().firstValue("x-goog-upload-status")).hasValue("final");
		DocumentContext file = json(last);
		assertThat(name).matches("files/[a-z0-9]{12}");
		assertThat(file.read("$.file.sizeBytes", String.class)).isEqualTo(String.valueOf(bytes.length));
		assertThat(file.read("$.file.displayName", String.class)).isEqualTo("catalog input");
		assertThat(file.read("$.file.state", String.class)).isEqualTo("ACTIVE");
		assertThat(json(this.calls.get("/v1beta/" + name)).read("$.name", String.class)).isEqualTo(name);
		assertThat(this.calls.delete("/v1beta/" + name).statusCode()).isEqualTo(200);
		assertThat(this.calls.get("/v1beta/" + name).statusCode()).isEqualTo(404);
	}

	@Test
	void aBatchIsPendingThenRunningThenSucceedsWithCountsAsStringsAndAResultsFile() {
		// given
		start();
		String file = upload(line("sku-1", "a mug") + line("sku-2", "a lamp") + line("sku-3", "a chair"));
		// when
		DocumentContext created = json(this.calls.post("/v1beta/models/" + MODEL + ":batchGenerateContent",
				"{\"batch\":{\"displayName\":\"run-7-shard-1\",\"inputConfig\":{\"fileName\":\"" + file + "\"}}}"));
		String name = created.read("$.name");
		this.clock.advance(this.delay.dividedBy(2));
		DocumentContext running = batch(name);
		this.clock.advance(this.delay.dividedBy(2));
		DocumentContext done = batch(name);
		// then
		assertThat(name).matches("batches/[a-z0-9]{36}");
		assertThat(created.read("$.metadata['@type']", String.class)).isEqualTo(GeminiBatchJson.BATCH_TYPE);
		assertThat(created.read("$.metadata.state", String.class)).isEqualTo("BATCH_STATE_PENDING");
		assertThat(created.read("$.metadata.model", String.class)).isEqualTo("models/" + MODEL);
		assertThat(created.read("$.metadata.displayName", String.class)).isEqualTo("run-7-shard-1");
		assertThat(created.read("$.metadata.inputConfig.fileName", String.class)).isEqualTo(file);
		assertThat(created.read("$.metadata.batchStats", Map.class)).containsExactlyInAnyOrderEntriesOf(
				Map.of("requestCount", "3", "pendingRequestCount", "3"));
		assertThat(created.read("$", Map.class)).doesNotContainKeys("done", "response");
		assertThat(running.read("$.metadata.state", String.class)).isEqualTo("BATCH_STATE_RUNNING");
		assertThat(done.read("$.metadata.state", String.class)).isEqualTo("BATCH_STATE_SUCCEEDED");
		assertThat(done.read("$.done", Boolean.class)).isTrue();
		assertThat(done.read("$.metadata.batchStats", Map.class)).as("zero counts are left out, as proto3 JSON does")
			.containsExactlyInAnyOrderEntriesOf(Map.of("requestCount", "3", "successfulRequestCount", "3"));
		String results = "files/batch-" + name.substring("batches/".length());
		assertThat(done.read("$.response.responsesFile", String.class)).isEqualTo(results);
		assertThat(done.read("$.metadata.output.responsesFile", String.class)).isEqualTo(results);
		assertThat(done.read("$.metadata.endTime", String.class)).isNotBlank();
		assertThat(this.simulator.stats().batches()).containsEntry("created", 1L).containsEntry("succeeded", 1L);
	}

	@Test
	void resultLinesAreTheSyncAnswersOfTheirPromptsInAShuffledOrderAndBilledApart() {
		// given
		start();
		StringBuilder input = new StringBuilder();
		List<String> keys = new ArrayList<>();
		for (int i = 1; i <= 12; i++) {
			keys.add("sku-" + i);
			input.append(line("sku-" + i, "Studio product photo of Product " + i));
		}
		// when
		List<DocumentContext> lines = results(runToEnd(upload(input.toString())));
		String sync = this.calls.post("/v1beta/models/" + MODEL + ":generateContent",
				request("Studio product photo of Product 5", "1K")).body();
		// then
		List<String> order = lines.stream().map(line -> line.read("$.key", String.class)).toList();
		assertThat(order).containsExactlyInAnyOrderElementsOf(keys).isNotEqualTo(keys);
		DocumentContext fifth = lines.stream().filter(line -> "sku-5".equals(line.read("$.key"))).findFirst().orElseThrow();
		DocumentContext answer = JsonPath.parse(sync);
		assertThat(fifth.read("$.response.candidates", Object.class)).as("the same picture either way")
			.isEqualTo(answer.read("$.candidates", Object.class));
		assertThat(fifth.read("$.response.usageMetadata", Object.class)).isEqualTo(answer.read("$.usageMetadata", Object.class));
		SimulatorStats stats = this.simulator.stats();
		assertThat(stats.batchGenerations()).isEqualTo(12);
		assertThat(stats.batchGenerationsFor("Studio product photo of Product 5")).isEqualTo(1);
		assertThat(stats.generations()).as("only the sync call").isEqualTo(1);
		assertThat(stats.billedFor("Studio product photo of Product 5")).isEqualTo(2);
		assertThat(this.calls.get("/_sim/stats").body())
			.contains("\"batchGenerationsByPrompt\":{\"Studio product photo of Product 1\":1");
	}

	@Test
	void aRequestTheSyncPathRefusesFailsOnlyItsLineWithTheSameMessage() {
		// given: 2.5 Flash Image has no 4K
		start();
		String sync = this.calls.post("/v1beta/models/" + MODEL + ":generateContent", request("a lamp", "4K")).body();
		// when
		List<DocumentContext> lines = results(runToEnd(upload(line("sku-1", "a mug") + line("sku-2", "a lamp", "4K"))));
		// then
		DocumentContext refused = lines.stream().filter(line -> "sku-2".equals(line.read("$.key"))).findFirst().orElseThrow();
		assertThat(refused.read("$.error.code", Integer.class)).as("INVALID_ARGUMENT").isEqualTo(3);
		assertThat(refused.read("$.error.message", String.class))
			.isEqualTo(JsonPath.parse(sync).read("$.error.message", String.class));
		assertThat(lines).filteredOn(line -> "sku-1".equals(line.read("$.key")))
			.singleElement()
			.satisfies(line -> assertThat(line.read("$.response.candidates", List.class)).isNotEmpty());
		assertThat(this.simulator.stats().batchGenerations()).isEqualTo(1);
	}

	@Test
	void theSyncFaultsOfAPromptApplyToItsLine() {
		// given: every request overloaded, and a block word
		start("faults.rate-503", "1", "faults.block-word", "forbidden");
		// when
		List<DocumentContext> lines = results(runToEnd(upload(line("sku-1", "a mug"))));
		this.simulator.faults().setRate503(0);
		List<DocumentContext> blocked = results(runToEnd(upload(line("sku-2", "a forbidden mug"))));
		// then
		assertThat(lines).singleElement().satisfies(line -> {
			assertThat(line.read("$.error.code", Integer.class)).as("UNAVAILABLE").isEqualTo(14);
			assertThat(line.read("$.error.message", String.class)).contains("overloaded");
		});
		assertThat(blocked).singleElement().satisfies(line -> assertThat(line.jsonString())
			.containsAnyOf("\"blockReason\":\"PROHIBITED_CONTENT\"", "\"finishReason\":\"IMAGE_SAFETY\""));
		assertThat(this.simulator.stats().batchGenerations()).isZero();
		assertThat(this.simulator.stats().faults()).containsEntry("batch-503", 1L).containsEntry("batch-blocked", 1L);
	}

	@Test
	void partialFailuresAreLineErrorsThatAreNotBilled() {
		// given
		start("batch.partial-failure", "0.5");
		StringBuilder input = new StringBuilder();
		for (int i = 1; i <= 20; i++) {
			input.append(line("sku-" + i, "product " + i));
		}
		String name = runToEnd(upload(input.toString()));
		// when
		List<DocumentContext> lines = results(name);
		DocumentContext done = batch(name);
		// then
		long failed = lines.stream().filter(line -> line.read("$", Map.class).containsKey("error")).count();
		assertThat(failed).isBetween(1L, 19L);
		assertThat(lines).filteredOn(line -> line.read("$", Map.class).containsKey("error"))
			.allSatisfy(line -> assertThat(line.read("$.error.code", Integer.class)).as("INTERNAL").isEqualTo(13));
		assertThat(done.read("$.metadata.state", String.class)).as("a batch succeeds with failed lines")
			.isEqualTo("BATCH_STATE_SUCCEEDED");
		assertThat(done.read("$.metadata.batchStats.failedRequestCount", String.class)).isEqualTo(String.valueOf(failed));
		assertThat(this.simulator.stats().batchGenerations()).isEqualTo(20 - failed);
	}

	@Test
	void duplicateOutputsForAKeyAreEachBilledAndNeverNextToEachOther() {
		// given
		start("batch.duplicates", "1");
		// when
		String name = runToEnd(upload(line("sku-1", "a mug") + line("sku-2", "a lamp") + line("sku-3", "a chair")));
		List<String> keys = results(name).stream().map(line -> line.read("$.key", String.class)).toList();
		// then
		assertThat(keys).hasSize(6);
		assertThat(keys.stream().collect(Collectors.groupingBy(key -> key, Collectors.counting())))
			.containsOnly(Map.entry("sku-1", 2L), Map.entry("sku-2", 2L), Map.entry("sku-3", 2L));
		for (int i = 1; i < keys.size(); i++) {
			assertThat(keys.get(i)).isNotEqualTo(keys.get(i - 1));
		}
		assertThat(batch(name).read("$.metadata.batchStats.successfulRequestCount", String.class)).isEqualTo("3");
		assertThat(this.simulator.stats().batchGenerationsFor("a mug")).isEqualTo(2);
		assertThat(this.simulator.stats().batchGenerations()).isEqualTo(6);
	}

	@Test
	void aStuckBatchStaysPendingUntilItExpiresAfter48HoursWithNoResults() {
		// given
		start("batch.stuck", "1");
		String name = create(upload(line("sku-1", "a mug")));
		// when
		this.clock.advance(this.delay.multipliedBy(100));
		DocumentContext later = batch(name);
		this.clock.advance(scaled(Duration.ofHours(48)));
		DocumentContext expired = batch(name);
		// then
		assertThat(later.read("$.metadata.state", String.class)).isEqualTo("BATCH_STATE_PENDING");
		assertThat(expired.read("$.metadata.state", String.class)).isEqualTo("BATCH_STATE_EXPIRED");
		assertThat(expired.read("$.done", Boolean.class)).isTrue();
		assertThat(expired.read("$.error.code", Integer.class)).isEqualTo(4);
		assertThat(expired.read("$", Map.class)).doesNotContainKey("response");
		assertThat(expired.read("$.metadata", Map.class)).doesNotContainKey("output");
		assertThat(this.calls.get("/download/v1beta/files/batch-" + name.substring(8) + ":download?alt=media")
			.statusCode()).isEqualTo(404);
		assertThat(this.simulator.stats().batchRequests()).isZero();
		assertThat(this.simulator.stats().batches()).containsEntry("expired", 1L);
	}

	@Test
	void anExpiringBatchEndsExpiredWithNothingDeliveredOrBilled() {
		// given
		start("batch.expire", "1");
		String name = create(upload(line("sku-1", "a mug") + line("sku-2", "a lamp")));
		// when
		this.clock.advance(this.delay);
		DocumentContext expired = batch(name);
		// then
		assertThat(expired.read("$.metadata.state", String.class)).isEqualTo("BATCH_STATE_EXPIRED");
		assertThat(expired.read("$", Map.class)).doesNotContainKey("response");
		assertThat(this.simulator.stats().batchRequests()).as("it did half its lines").isEqualTo(1);
		assertThat(this.simulator.stats().batchGenerations()).isZero();
	}

	@Test
	void aCancelledBatchEndsCancelledWithNoResultsAndACancelAfterTheEndChangesNothing() {
		// given
		start();
		String file = upload(line("sku-1", "a mug") + line("sku-2", "a lamp"));
		String cancelled = create(file);
		String finished = create(file);
		this.clock.advance(this.delay.dividedBy(2).plusNanos(1));
		// when
		HttpResponse<String> cancel = this.calls.post("/v1beta/" + cancelled + ":cancel", "");
		this.clock.advance(this.delay);
		HttpResponse<String> late = this.calls.post("/v1beta/" + finished + ":cancel", "");
		// then
		assertThat(cancel.statusCode()).isEqualTo(200);
		assertThat(cancel.body()).isEqualTo("{}");
		DocumentContext state = batch(cancelled);
		assertThat(state.read("$.metadata.state", String.class)).isEqualTo("BATCH_STATE_CANCELLED");
		assertThat(state.read("$.error.code", Integer.class)).as("google.rpc.Code CANCELLED").isEqualTo(1);
		assertThat(state.read("$", Map.class)).doesNotContainKey("response");
		assertThat(late.statusCode()).isEqualTo(200);
		assertThat(batch(finished).read("$.metadata.state", String.class)).isEqualTo("BATCH_STATE_SUCCEEDED");
		assertThat(this.simulator.stats().batchGenerations()).as("only the finished batch").isEqualTo(2);
	}

	@Test
	void aCancelThatLosesTheRaceStillEndsSucceededWithEveryResult() {
		// given
		start("batch.cancel-race", "1");
		String name = create(upload(line("sku-1", "a mug") + line("sku-2", "a lamp")));
		this.clock.advance(this.delay.dividedBy(2).plusNanos(1));
		// when
		HttpResponse<String> cancel = this.calls.post("/v1beta/" + name + ":cancel", "");
		DocumentContext after = batch(name);
		this.clock.advance(this.delay);
		// then
		assertThat(cancel.body()).isEqualTo("{}");
		assertThat(after.read("$.metadata.state", String.class)).isEqualTo("BATCH_STATE_RUNNING");
		assertThat(batch(name).read("$.metadata.state", String.class)).isEqualTo("BATCH_STATE_SUCCEEDED");
		assertThat(results(name)).hasSize(2);
		assertThat(this.simulator.stats().faults()).containsEntry("batch-cancel-race", 1L);
	}

	@Test
	void theEnqueuedQuotaAndTheConcurrentLimitRefuseACreateWith429() {
		// given
		start("batch.quota", "1", "batch.max-concurrent", "1");
		String file = upload(line("sku-1", "a mug"));
		String body = "{\"batch\":{\"inputConfig\":{\"fileName\":\"" + file + "\"}}}";
		String path = "/v1beta/models/" + MODEL + ":batchGenerateContent";
		// when
		HttpResponse<String> overQuota = this.calls.post(path, body);
		this.simulator.batchFaults().setQuota(0);
		HttpResponse<String> first = this.calls.post(path, body);
		HttpResponse<String> second = this.calls.post(path, body);
		this.clock.advance(this.delay);
		HttpResponse<String> afterTheFirstEnded = this.calls.post(path, body);
		// then
		assertThat(overQuota.statusCode()).isEqualTo(429);
		assertThat(JsonPath.parse(overQuota.body()).read("$.error.status", String.class)).isEqualTo("RESOURCE_EXHAUSTED");
		assertThat(overQuota.body()).contains("google.rpc.QuotaFailure").contains("google.rpc.RetryInfo");
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(second.statusCode()).as("one batch at a time").isEqualTo(429);
		assertThat(afterTheFirstEnded.statusCode()).isEqualTo(200);
		assertThat(this.simulator.stats().batches()).containsEntry("created", 2L);
	}

	@Test
	void aModelFlaggedUnsupportedListsNoBatchMethodAndRefusesTheCreate() {
		// given
		start("batch.unsupported-models", MODEL);
		String file = upload(line("sku-1", "a mug"));
		// when
		DocumentContext flagged = json(this.calls.get("/v1beta/models/" + MODEL));
		DocumentContext other = json(this.calls.get("/v1beta/models/gemini-3.1-flash-image"));
		HttpResponse<String> create = this.calls.post("/v1beta/models/" + MODEL + ":batchGenerateContent",
				"{\"batch\":{\"inputConfig\":{\"fileName\":\"" + file + "\"}}}");
		// then
		assertThat(flagged.read("$.supportedGenerationMethods", List.class)).contains("generateContent")
			.doesNotContain("batchGenerateContent");
		assertThat(other.read("$.supportedGenerationMethods", List.class)).contains("batchGenerateContent");
		assertThat(create.statusCode()).isEqualTo(404);
		assertThat(create.body()).contains("not supported for batchGenerateContent");
		assertThat(this.calls.get("/v1beta/models/no-such-model").statusCode()).isEqualTo(404);
		assertThat(this.simulator.stats().batches()).doesNotContainKey("created");
	}

	@Test
	void aSmallFileBatchMayAnswerInlineWithItsKeys() {
		// given
		start("batch.inline-below", "5");
		// when
		String name = runToEnd(upload(line("sku-1", "a mug") + line("sku-2", "a lamp")));
		DocumentContext done = batch(name);
		// then
		assertThat(done.read("$.response.inlinedResponses.inlinedResponses[*].metadata.key", List.class))
			.containsExactlyInAnyOrder("sku-1", "sku-2");
		assertThat(done.read("$.metadata.output.inlinedResponses.inlinedResponses", List.class)).hasSize(2);
		assertThat(done.read("$.response", Map.class)).doesNotContainKey("responsesFile");
		assertThat(done.read("$.response.inlinedResponses.inlinedResponses[0].response.candidates", List.class))
			.isNotEmpty();
		assertThat(this.calls.get("/download/v1beta/files/batch-" + name.substring(8) + ":download?alt=media")
			.statusCode()).isEqualTo(404);
	}

	@Test
	void listPagesNewestFirstWithATokenAndEveryCallNeedsTheKey() {
		// given
		start("api-key", "sim-key-0123456789");
		this.calls = new BatchCalls(this.simulator.baseUrl(), Map.of("x-goog-api-key", "sim-key-0123456789"));
		String file = upload(line("sku-1", "a mug"));
		List<String> names = List.of(create(file), create(file), create(file));
		// when
		DocumentContext first = json(this.calls.get("/v1beta/batches?pageSize=2"));
		String token = first.read("$.nextPageToken");
		DocumentContext second = json(this.calls.get("/v1beta/batches?pageSize=2&pageToken=" + token));
		HttpResponse<String> badToken = this.calls.get("/v1beta/batches?pageToken=nonsense");
		HttpResponse<String> noKey = new BatchCalls(this.simulator.baseUrl(), Map.of()).get("/v1beta/" + names.get(0));
		HttpResponse<String> queryKey = new BatchCalls(this.simulator.baseUrl(), Map.of())
			.get("/v1beta/" + names.get(0) + "?key=sim-key-0123456789");
		// then
		assertThat(first.read("$.operations[*].name", List.class)).containsExactly(names.get(2), names.get(1));
		assertThat(second.read("$.operations[*].name", List.class)).containsExactly(names.get(0));
		assertThat(second.read("$", Map.class)).doesNotContainKey("nextPageToken");
		assertThat(badToken.statusCode()).isEqualTo(400);
		assertThat(noKey.statusCode()).isEqualTo(400);
		assertThat(noKey.body()).contains("API_KEY_INVALID");
		assertThat(queryKey.statusCode()).isEqualTo(200);
	}

	@Test
	void anInputLineThatIsNotJsonFailsTheBatchNamingTheLine() {
		// given
		start();
		String file = upload(line("sku-1", "a mug") + "{\"key\": \"sku-2\", \"request\": {oops}\n");
		// when
		String name = create(file);
		this.clock.advance(this.delay);
		DocumentContext failed = batch(name);
		// then
		assertThat(failed.read("$.metadata.state", String.class)).isEqualTo("BATCH_STATE_FAILED");
		assertThat(failed.read("$.error.code", Integer.class)).isEqualTo(3);
		assertThat(failed.read("$.error.message", String.class)).isEqualTo("Line 2 of " + file + " is not valid JSON.");
		assertThat(this.simulator.stats().batches()).containsEntry("failed", 1L);
	}

	@Test
	void resetTurnsTheBatchFaultsOffAndClearsTheBatchCounts() {
		// given
		start("batch.stuck", "1");
		String file = upload(line("sku-1", "a mug"));
		runToEnd(file);
		// when
		HttpResponse<String> reset = this.calls.post("/_sim/reset", "");
		String name = runToEnd(file);
		// then
		assertThat(reset.statusCode()).isEqualTo(200);
		assertThat(batch(name).read("$.metadata.state", String.class)).isEqualTo("BATCH_STATE_SUCCEEDED");
		assertThat(this.calls.get("/_sim/stats").body()).contains("\"batchGenerations\":1")
			.contains("\"batches\":{\"created\":1,\"succeeded\":1}");
	}

	@Test
	void theStatsCountABatchThatEndedWhileNobodyPolledIt() {
		// given
		start();
		create(upload(line("sku-1", "a mug") + line("sku-2", "a lamp")));
		// when
		this.clock.advance(this.delay);
		// then: the provider has billed it, whether or not anyone asked
		assertThat(this.simulator.stats().batchGenerations()).isEqualTo(2);
		assertThat(this.calls.get("/_sim/stats").body()).contains("\"batchGenerationsByPrompt\":{\"a lamp\":1,\"a mug\":1}");
	}

	private void start(String... settings) {
		SimulatorProperties properties = Simulators.properties(settings);
		this.simulator = SimulatorServer.start(properties, this.clock);
		this.calls = new BatchCalls(this.simulator.baseUrl(), Map.of());
		this.delay = properties.scaled(properties.batch().delay());
	}

	private Duration scaled(Duration simulated) {
		return Duration.ofNanos(Math.round(simulated.toNanos() * 0.001));
	}

	private HttpResponse<String> chunk(String url, byte[] bytes, int from, int to, String command) {
		return this.calls.post(url, java.util.Arrays.copyOfRange(bytes, from, to),
				Map.of("X-Goog-Upload-Command", command, "X-Goog-Upload-Offset", String.valueOf(from)));
	}

	/** Uploads a JSONL input in one {@code upload, finalize} and returns its name ({@code files/...}). */
	private String upload(String jsonl) {
		byte[] bytes = jsonl.getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> started = this.calls.post("/upload/v1beta/files", "{}".getBytes(StandardCharsets.UTF_8),
				Map.of("X-Goog-Upload-Protocol", "resumable", "X-Goog-Upload-Command", "start",
						"X-Goog-Upload-Header-Content-Length", String.valueOf(bytes.length),
						"X-Goog-Upload-Header-Content-Type", "application/jsonl"));
		String url = started.headers().firstValue("x-goog-upload-url").orElseThrow();
		return json(chunk(url, bytes, 0, bytes.length, "upload, finalize")).read("$.file.name");
	}

	private String create(String file) {
		return json(this.calls.post("/v1beta/models/" + MODEL + ":batchGenerateContent",
				"{\"batch\":{\"displayName\":\"d\",\"inputConfig\":{\"fileName\":\"" + file + "\"}}}"))
			.read("$.name");
	}

	/** Creates a batch of the file and moves the clock past its end. */
	private String runToEnd(String file) {
		String name = create(file);
		this.clock.advance(this.delay);
		return name;
	}

	private DocumentContext batch(String name) {
		return json(this.calls.get("/v1beta/" + name));
	}

	private List<DocumentContext> results(String name) {
		String file = batch(name).read("$.response.responsesFile");
		HttpResponse<String> download = this.calls.get("/download/v1beta/" + file + ":download?alt=media");
		assertThat(download.statusCode()).isEqualTo(200);
		return download.body().lines().map(JsonPath::parse).toList();
	}

	private static String line(String key, String prompt) {
		return line(key, prompt, "1K");
	}

	private static String line(String key, String prompt, String size) {
		return "{\"key\":\"" + key + "\",\"request\":" + request(prompt, size) + "}\n";
	}

	private static String request(String prompt, String size) {
		return "{\"contents\":[{\"parts\":[{\"text\":\"" + prompt + "\"}]}],\"generationConfig\":"
				+ "{\"responseModalities\":[\"IMAGE\"],\"imageConfig\":{\"imageSize\":\"" + size + "\"}}}";
	}

}
