package com.catalogimage.simulator;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * The simulator's OpenAI Batch API as raw HTTP: the multipart file upload, the Batch object through its statuses,
 * the output and error files, and every batch fault. Batches move on a hand-driven clock.
 */
class OpenAiBatchSimulatorTests {

	private static final String BOUNDARY = "sim-boundary-7MA4YWxkTrZu0gW";

	private final ManualClock clock = new ManualClock();

	@AutoClose
	private SimulatorServer simulator;

	private BatchCalls calls;

	private Duration delay;

	@Test
	void filesAreUploadedAsMultipartAndCanBeReadAndDeleted() {
		// given
		start();
		String jsonl = line("sku-1", "a mug") + line("sku-2", "a lamp");
		// when
		DocumentContext file = json(upload(jsonl, "batch"));
		String id = file.read("$.id");
		HttpResponse<String> noPurpose = this.calls.post("/v1/files", multipart(jsonl, null),
				Map.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY));
		HttpResponse<String> content = this.calls.get("/v1/files/" + id + "/content");
		DocumentContext metadata = json(this.calls.get("/v1/files/" + id));
		HttpResponse<String> deleted = this.calls.delete("/v1/files/" + id);
		// then
		assertThat(id).matches("file-[A-Za-z0-9]{22}");
		assertThat(file.read("$.object", String.class)).isEqualTo("file");
		assertThat(file.read("$.purpose", String.class)).isEqualTo("batch");
		assertThat(file.read("$.filename", String.class)).isEqualTo("input.jsonl");
		assertThat(file.read("$.bytes", Integer.class)).isEqualTo(jsonl.getBytes(StandardCharsets.UTF_8).length);
		assertThat(noPurpose.statusCode()).isEqualTo(400);
		assertThat(JsonPath.parse(noPurpose.body()).read("$.error.param", String.class)).isEqualTo("purpose");
		assertThat(content.body()).isEqualTo(jsonl);
		assertThat(metadata.read("$.id", String.class)).isEqualTo(id);
		assertThat(json(deleted).read("$.deleted", Boolean.class)).isTrue();
		assertThat(this.calls.get("/v1/files/" + id).statusCode()).isEqualTo(404);
	}

	@Test
	void aBatchValidatesThenRunsThenCompletesWithAnOutputFileOfSyncAnswers() {
		// given
		start();
		String file = uploadId(line("sku-1", "Studio product photo of Mug") + line("sku-2", "a lamp"));
		// when
		DocumentContext created = json(create(file, "{\"shard\":\"run-7-1\"}"));
		String id = created.read("$.id");
		this.clock.advance(this.delay.dividedBy(2));
		DocumentContext running = batch(id);
		this.clock.advance(this.delay.dividedBy(2));
		DocumentContext done = batch(id);
		List<DocumentContext> output = file(done.read("$.output_file_id"));
		String sync = this.calls.post("/v1/images/generations",
				"{\"model\":\"gpt-image-1\",\"prompt\":\"Studio product photo of Mug\",\"size\":\"1024x1024\"}").body();
		// then
		assertThat(id).matches("batch_[0-9a-f]{32}");
		assertThat(created.read("$.status", String.class)).isEqualTo("validating");
		assertThat(created.read("$.object", String.class)).isEqualTo("batch");
		assertThat(created.read("$.endpoint", String.class)).isEqualTo("/v1/images/generations");
		assertThat(created.read("$.completion_window", String.class)).isEqualTo("24h");
		assertThat(created.read("$.metadata.shard", String.class)).isEqualTo("run-7-1");
		assertThat(created.read("$.model", String.class)).isEqualTo("gpt-image-1");
		assertThat(created.read("$.request_counts.total", Integer.class)).isZero();
		assertThat(created.read("$.output_file_id", String.class)).isNull();
		assertThat(created.read("$.expires_at", Long.class) - created.read("$.created_at", Long.class))
			.as("24 h, scaled").isBetween(85L, 88L);
		assertThat(running.read("$.status", String.class)).isEqualTo("in_progress");
		assertThat(running.read("$.request_counts.total", Integer.class)).isEqualTo(2);
		assertThat(done.read("$.status", String.class)).isEqualTo("completed");
		assertThat(done.read("$.request_counts", Map.class)).containsEntry("completed", 2).containsEntry("failed", 0);
		assertThat(done.read("$.error_file_id", String.class)).isNull();
		assertThat(done.read("$.usage.output_tokens", Integer.class)).isEqualTo(2 * 1056);
		assertThat(output).extracting(line -> line.read("$.custom_id", String.class))
			.containsExactlyInAnyOrder("sku-1", "sku-2");
		DocumentContext mug = output.stream().filter(line -> "sku-1".equals(line.read("$.custom_id"))).findFirst().orElseThrow();
		assertThat(mug.read("$.response.status_code", Integer.class)).isEqualTo(200);
		assertThat(mug.read("$.response.request_id", String.class)).startsWith("req_");
		assertThat(mug.read("$.id", String.class)).startsWith("batch_req_");
		assertThat(mug.read("$.error", Object.class)).isNull();
		assertThat(mug.read("$.response.body.data[0].b64_json", String.class)).as("the same picture either way")
			.isEqualTo(JsonPath.parse(sync).read("$.data[0].b64_json", String.class));
		assertThat(mug.read("$.response.body.usage", Object.class))
			.isEqualTo(JsonPath.parse(sync).read("$.usage", Object.class));
		assertThat(this.simulator.stats().batchGenerationsFor("Studio product photo of Mug")).isEqualTo(1);
		assertThat(this.simulator.stats().billedFor("Studio product photo of Mug")).isEqualTo(2);
	}

	@Test
	void whatTheApiRefusesOfTheCreateIsA400AndOfTheInputAFailedBatch() {
		// given
		start();
		String good = uploadId(line("sku-1", "a mug"));
		String repeated = uploadId(line("sku-1", "a mug") + line("sku-1", "a lamp"));
		String otherUrl = uploadId(line("sku-1", "a mug").replace("/v1/images/generations", "/v1/chat/completions"));
		String notJson = uploadId(line("sku-1", "a mug") + "not json\n");
		// when
		HttpResponse<String> window = this.calls.post("/v1/batches", "{\"input_file_id\":\"" + good
				+ "\",\"endpoint\":\"/v1/images/generations\",\"completion_window\":\"1h\"}");
		HttpResponse<String> endpoint = this.calls.post("/v1/batches", "{\"input_file_id\":\"" + good
				+ "\",\"endpoint\":\"/v1/nonsense\",\"completion_window\":\"24h\"}");
		HttpResponse<String> noFile = create("file-doesnotexist0000000", null);
		List<String> failed = List.of(repeated, otherUrl, notJson)
			.stream()
			.map(file -> json(create(file, null)).read("$.id", String.class))
			.toList();
		this.clock.advance(this.delay);
		// then
		assertThat(window.statusCode()).isEqualTo(400);
		assertThat(JsonPath.parse(window.body()).read("$.error.param", String.class)).isEqualTo("completion_window");
		assertThat(endpoint.statusCode()).isEqualTo(400);
		assertThat(noFile.statusCode()).isEqualTo(400);
		assertThat(failed).extracting(id -> batch(id).read("$.status", String.class)).containsOnly("failed");
		assertThat(failed).extracting(id -> batch(id).read("$.errors.data[0].code", String.class))
			.containsExactly("duplicate_custom_id", "invalid_url", "invalid_json_line");
		assertThat(batch(failed.get(0)).read("$.errors.data[0].line", Integer.class)).isEqualTo(2);
		assertThat(batch(failed.get(0)).read("$.failed_at", Long.class)).isNotNull();
		assertThat(this.simulator.stats().batchRequests()).isZero();
	}

	@Test
	void aLineTheSyncPathRefusesGoesToTheErrorFileWithTheSyncAnswer() {
		// given
		start();
		String sync = this.calls.post("/v1/images/generations",
				"{\"model\":\"gpt-image-1\",\"prompt\":\"a lamp\",\"size\":\"4096x4096\"}").body();
		String file = uploadId(line("sku-1", "a mug") + line("sku-2", "a lamp").replace("1024x1024", "4096x4096"));
		// when
		DocumentContext done = runToEnd(file);
		List<DocumentContext> output = file(done.read("$.output_file_id"));
		List<DocumentContext> errors = file(done.read("$.error_file_id"));
		// then
		assertThat(output).extracting(line -> line.read("$.custom_id", String.class)).containsExactly("sku-1");
		assertThat(errors).singleElement().satisfies(line -> {
			assertThat(line.read("$.custom_id", String.class)).isEqualTo("sku-2");
			assertThat(line.read("$.response.status_code", Integer.class)).isEqualTo(400);
			assertThat(line.read("$.error", Object.class)).as("an HTTP failure still has error: null").isNull();
			assertThat(line.read("$.response.body", Object.class))
				.isEqualTo(JsonPath.parse(sync).read("$", Object.class));
		});
		assertThat(done.read("$.request_counts", Map.class)).containsEntry("completed", 1).containsEntry("failed", 1);
	}

	@Test
	void partialFailuresAre500LinesInTheErrorFileAndNotBilled() {
		// given
		start("batch.partial-failure", "0.5");
		StringBuilder input = new StringBuilder();
		for (int i = 1; i <= 20; i++) {
			input.append(line("sku-" + i, "product " + i));
		}
		// when
		DocumentContext done = runToEnd(uploadId(input.toString()));
		List<DocumentContext> errors = file(done.read("$.error_file_id"));
		// then
		assertThat(errors).isNotEmpty().hasSizeLessThan(20).allSatisfy(line -> {
			assertThat(line.read("$.response.status_code", Integer.class)).isEqualTo(500);
			assertThat(line.read("$.response.body.error.type", String.class)).isEqualTo("server_error");
		});
		assertThat(file(done.read("$.output_file_id"))).hasSize(20 - errors.size());
		assertThat(done.read("$.request_counts.failed", Integer.class)).isEqualTo(errors.size());
		assertThat(this.simulator.stats().batchGenerations()).isEqualTo(20 - errors.size());
	}

	@Test
	void anExpiredBatchReturnsAndBillsTheLinesItCompletedAndMarksTheRestExpired() {
		// given
		start("batch.expire", "1");
		String file = uploadId(line("sku-1", "a mug") + line("sku-2", "a lamp") + line("sku-3", "a chair")
				+ line("sku-4", "a desk"));
		// when
		DocumentContext expired = runToEnd(file);
		List<DocumentContext> output = file(expired.read("$.output_file_id"));
		List<DocumentContext> errors = file(expired.read("$.error_file_id"));
		// then
		assertThat(expired.read("$.status", String.class)).isEqualTo("expired");
		assertThat(expired.read("$.expired_at", Long.class)).isNotNull();
		assertThat(output).hasSize(2);
		assertThat(errors).hasSize(2).allSatisfy(line -> {
			assertThat(line.read("$.error.code", String.class)).isEqualTo("batch_expired");
			assertThat(line.read("$.response", Object.class)).isNull();
		});
		assertThat(expired.read("$.request_counts", Map.class)).containsEntry("completed", 2).containsEntry("failed", 2);
		assertThat(this.simulator.stats().batchGenerations()).isEqualTo(2);
	}

	@Test
	void aStuckBatchValidatesUntilItExpiresAfter24HoursWithEveryLineExpired() {
		// given
		start("batch.stuck", "1");
		String id = json(create(uploadId(line("sku-1", "a mug")), null)).read("$.id");
		// when
		this.clock.advance(this.delay.multipliedBy(50));
		DocumentContext later = batch(id);
		this.clock.advance(Duration.ofMillis(86_400));
		DocumentContext expired = batch(id);
		// then
		assertThat(later.read("$.status", String.class)).isEqualTo("validating");
		assertThat(later.read("$.in_progress_at", Object.class)).isNull();
		assertThat(expired.read("$.status", String.class)).isEqualTo("expired");
		assertThat(expired.read("$.output_file_id", String.class)).isNull();
		assertThat(file(expired.read("$.error_file_id"))).singleElement()
			.satisfies(line -> assertThat(line.read("$.error.code", String.class)).isEqualTo("batch_expired"));
	}

	@Test
	void aCancelledBatchIsCancellingThenCancelledWithTheLinesItCompleted() {
		// given
		start();
		String id = json(create(uploadId(line("sku-1", "a mug") + line("sku-2", "a lamp") + line("sku-3", "a chair")
				+ line("sku-4", "a desk")), null)).read("$.id");
		this.clock.advance(this.delay.dividedBy(2).plus(this.delay.dividedBy(4)));
		// when
		DocumentContext cancelling = json(this.calls.post("/v1/batches/" + id + "/cancel", ""));
		this.clock.advance(this.delay);
		DocumentContext cancelled = batch(id);
		// then
		assertThat(cancelling.read("$.status", String.class)).isEqualTo("cancelling");
		assertThat(cancelling.read("$.cancelling_at", Long.class)).isNotNull();
		assertThat(cancelled.read("$.status", String.class)).isEqualTo("cancelled");
		assertThat(file(cancelled.read("$.output_file_id"))).as("half its running time: half its lines").hasSize(2);
		assertThat(file(cancelled.read("$.error_file_id"))).hasSize(2)
			.allSatisfy(line -> assertThat(line.read("$.error.code", String.class)).isEqualTo("batch_cancelled"));
		assertThat(this.simulator.stats().batchGenerations()).isEqualTo(2);
		assertThat(this.simulator.stats().batches()).containsEntry("cancelled", 1L);
	}

	@Test
	void aBatchCancelledWhileValidatingNeverRanAndEveryLineIsCancelled() {
		// given
		start();
		String id = json(create(uploadId(line("sku-1", "a mug") + line("sku-2", "a lamp")), null)).read("$.id");
		// when
		this.calls.post("/v1/batches/" + id + "/cancel", "");
		this.clock.advance(this.delay.multipliedBy(2));
		DocumentContext cancelled = batch(id);
		// then
		assertThat(cancelled.read("$.status", String.class)).isEqualTo("cancelled");
		assertThat(cancelled.read("$.in_progress_at", Object.class)).isNull();
		assertThat(cancelled.read("$.output_file_id", Object.class)).isNull();
		assertThat(cancelled.read("$.request_counts", Map.class)).containsEntry("total", 2).containsEntry("failed", 2);
		assertThat(file(cancelled.read("$.error_file_id"))).hasSize(2);
		assertThat(this.simulator.stats().batchRequests()).isZero();
	}

	@Test
	void aCancelThatLosesTheRaceIsCancellingAndThenCompletedWithEveryLine() {
		// given
		start("batch.cancel-race", "1");
		String id = json(create(uploadId(line("sku-1", "a mug") + line("sku-2", "a lamp")), null)).read("$.id");
		this.clock.advance(this.delay.dividedBy(2).plusNanos(1));
		// when
		DocumentContext cancelling = json(this.calls.post("/v1/batches/" + id + "/cancel", ""));
		this.clock.advance(this.delay);
		DocumentContext done = batch(id);
		// then
		assertThat(cancelling.read("$.status", String.class)).isEqualTo("cancelling");
		assertThat(done.read("$.status", String.class)).isEqualTo("completed");
		assertThat(done.read("$.cancelling_at", Long.class)).isNotNull();
		assertThat(done.read("$.in_progress_at", Long.class)).isNotNull();
		assertThat(done.read("$.finalizing_at", Long.class)).isNotNull();
		assertThat(file(done.read("$.output_file_id"))).hasSize(2);
	}

	@Test
	void theEnqueuedQuotaAndAnUnsupportedModelFailTheBatchAfterTheCreate() {
		// given
		start("batch.quota", "1");
		String file = uploadId(line("sku-1", "a mug"));
		// when
		HttpResponse<String> overQuota = create(file, null);
		this.simulator.batchFaults().setQuota(0);
		this.simulator.batchFaults().setUnsupportedModels(List.of("gpt-image-1"));
		String unsupported = json(create(file, null)).read("$.id");
		this.clock.advance(this.delay);
		DocumentContext quota = batch(JsonPath.parse(overQuota.body()).read("$.id"));
		// then
		assertThat(overQuota.statusCode()).isEqualTo(200);
		assertThat(quota.read("$.status", String.class)).isEqualTo("failed");
		assertThat(quota.read("$.errors.data[0].code", String.class)).isEqualTo("token_limit_exceeded");
		assertThat(quota.read("$.errors.data[0].message", String.class)).startsWith("Enqueued token limit reached");
		assertThat(batch(unsupported).read("$.errors.data[0].code", String.class)).isEqualTo("model_not_supported");
		assertThat(this.simulator.stats().batchRequests()).isZero();
	}

	@Test
	void duplicateOutputsForACustomIdAreEachBilled() {
		// given
		start("batch.duplicates", "1");
		// when
		DocumentContext done = runToEnd(uploadId(line("sku-1", "a mug") + line("sku-2", "a lamp")));
		List<String> ids = file(done.read("$.output_file_id")).stream()
			.map(line -> line.read("$.custom_id", String.class))
			.toList();
		// then
		assertThat(ids.stream().collect(Collectors.groupingBy(id -> id, Collectors.counting())))
			.containsOnly(Map.entry("sku-1", 2L), Map.entry("sku-2", 2L));
		assertThat(this.simulator.stats().batchGenerationsFor("a mug")).isEqualTo(2);
		assertThat(done.read("$.usage.output_tokens", Integer.class)).as("every billed line").isEqualTo(4 * 1056);
	}

	@Test
	void listPagesNewestFirstAfterAnIdAndEveryCallNeedsTheKey() {
		// given
		start("api-key", "sk-sim-0123456789abcdef");
		this.calls = new BatchCalls(this.simulator.baseUrl(), Map.of("Authorization", "Bearer sk-sim-0123456789abcdef"));
		String file = uploadId(line("sku-1", "a mug"));
		List<String> ids = List.of(1, 2, 3).stream().map(i -> json(create(file, null)).read("$.id", String.class)).toList();
		// when
		DocumentContext first = json(this.calls.get("/v1/batches?limit=2"));
		DocumentContext second = json(this.calls.get("/v1/batches?limit=2&after=" + first.read("$.last_id")));
		HttpResponse<String> noKey = new BatchCalls(this.simulator.baseUrl(), Map.of()).get("/v1/batches/" + ids.get(0));
		// then
		assertThat(first.read("$.data[*].id", List.class)).containsExactly(ids.get(2), ids.get(1));
		assertThat(first.read("$.has_more", Boolean.class)).isTrue();
		assertThat(first.read("$.first_id", String.class)).isEqualTo(ids.get(2));
		assertThat(second.read("$.data[*].id", List.class)).containsExactly(ids.get(0));
		assertThat(second.read("$.has_more", Boolean.class)).isFalse();
		assertThat(noKey.statusCode()).isEqualTo(401);
		assertThat(JsonPath.parse(noKey.body()).read("$.error.code", String.class)).isEqualTo("invalid_api_key");
	}

	private void start(String... settings) {
		SimulatorProperties properties = Simulators.properties(settings);
		this.simulator = SimulatorServer.start(properties, this.clock);
		this.calls = new BatchCalls(this.simulator.baseUrl(), Map.of());
		this.delay = properties.scaled(properties.batch().delay());
	}

	private HttpResponse<String> upload(String jsonl, String purpose) {
		return this.calls.post("/v1/files", multipart(jsonl, purpose),
				Map.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY));
	}

	private String uploadId(String jsonl) {
		return json(upload(jsonl, "batch")).read("$.id");
	}

	private HttpResponse<String> create(String file, String metadata) {
		return this.calls.post("/v1/batches", "{\"input_file_id\":\"" + file
				+ "\",\"endpoint\":\"/v1/images/generations\",\"completion_window\":\"24h\""
				+ (metadata == null ? "" : ",\"metadata\":" + metadata) + "}");
	}

	private DocumentContext runToEnd(String file) {
		String id = json(create(file, null)).read("$.id");
		this.clock.advance(this.delay);
		return batch(id);
	}

	private DocumentContext batch(String id) {
		return json(this.calls.get("/v1/batches/" + id));
	}

	private List<DocumentContext> file(String id) {
		HttpResponse<String> content = this.calls.get("/v1/files/" + id + "/content");
		assertThat(content.statusCode()).isEqualTo(200);
		return content.body().lines().map(JsonPath::parse).toList();
	}

	private static byte[] multipart(String jsonl, String purpose) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		String parts = (purpose == null ? ""
				: "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n" + purpose + "\r\n")
				+ "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"input.jsonl\"\r\n"
				+ "Content-Type: application/jsonl\r\n\r\n" + jsonl + "\r\n--" + BOUNDARY + "--\r\n";
		body.writeBytes(parts.getBytes(StandardCharsets.UTF_8));
		return body.toByteArray();
	}

	private static String line(String key, String prompt) {
		return "{\"custom_id\":\"" + key + "\",\"method\":\"POST\",\"url\":\"/v1/images/generations\",\"body\":"
				+ "{\"model\":\"gpt-image-1\",\"prompt\":\"" + prompt + "\",\"size\":\"1024x1024\"}}\n";
	}

}
