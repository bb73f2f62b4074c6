package com.catalogimage.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import com.catalogimage.support.Simulators;
import com.google.genai.Client;
import com.google.genai.types.BatchJob;
import com.google.genai.types.BatchJobSource;
import com.google.genai.types.CreateBatchJobConfig;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.InlinedRequest;
import com.google.genai.types.InlinedResponse;
import com.google.genai.types.JobState;
import com.google.genai.types.ListBatchJobsConfig;
import com.google.genai.types.Model;
import com.google.genai.types.UploadFileConfig;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.batches.BatchListParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official SDKs' batch and file calls, pointed at the simulator, must read its Batch APIs as they read the real
 * ones: google-genai's {@code client.files} and {@code client.batches}, openai-java's {@code files()} and
 * {@code batches()} (both test scope only). Batches move on a hand-driven clock, so nothing waits.
 */
class BatchSdkFidelityTests {

	private static final String KEY = "sim-sdk-key-0123456789";

	private static final Duration DELAY = Duration.ofMinutes(10);

	@TempDir
	Path work;

	private final ManualClock clock = new ManualClock();

	@AutoClose
	private SimulatorServer simulator;

	@Test
	void googleGenAiSdkUploadsCreatesPollsListsDownloadsAndCancels() throws IOException {
		// given
		this.simulator = SimulatorServer.start(Simulators.properties("api-key", KEY), this.clock);
		Client client = Client.builder()
			.apiKey(KEY)
			.httpOptions(HttpOptions.builder().baseUrl(this.simulator.baseUrl()).build())
			.build();
		String jsonl = geminiLine("sku-1", "Studio product photo of Mug") + geminiLine("sku-2", "Studio product photo of Lamp");
		// when
		Model model = client.models.get("gemini-2.5-flash-image", null);
		com.google.genai.types.File input = client.files.upload(jsonl.getBytes(StandardCharsets.UTF_8),
				UploadFileConfig.builder().mimeType("application/jsonl").displayName("catalog input").build());
		BatchJob created = client.batches.create("gemini-2.5-flash-image",
				BatchJobSource.builder().fileName(input.name().orElseThrow()).build(),
				CreateBatchJobConfig.builder().displayName("catalog-run-1-shard-1").build());
		this.clock.advance(DELAY.multipliedBy(2));
		BatchJob done = client.batches.get(created.name().orElseThrow(), null);
		Path results = this.work.resolve("results.jsonl");
		client.files.download(done.dest().orElseThrow().fileName().orElseThrow(), results.toString(), null);
		BatchJob second = client.batches.create("gemini-2.5-flash-image",
				BatchJobSource.builder().fileName(input.name().orElseThrow()).build(),
				CreateBatchJobConfig.builder().displayName("catalog-run-1-shard-2").build());
		client.batches.cancel(second.name().orElseThrow(), null);
		List<BatchJob> listed = StreamSupport
			.stream(client.batches.list(ListBatchJobsConfig.builder().pageSize(1).build()).spliterator(), false)
			.toList();
		// then
		assertThat(model.supportedActions().orElseThrow()).contains("batchGenerateContent");
		assertThat(input.name()).hasValueSatisfying(name -> assertThat(name).startsWith("files/"));
		assertThat(input.sizeBytes()).hasValue((long) jsonl.getBytes(StandardCharsets.UTF_8).length);
		assertThat(created.state()).hasValueSatisfying(state -> assertThat(state.knownEnum())
			.isEqualTo(JobState.Known.JOB_STATE_PENDING));
		assertThat(created.displayName()).hasValue("catalog-run-1-shard-1");
		assertThat(done.state().orElseThrow().knownEnum()).isEqualTo(JobState.Known.JOB_STATE_SUCCEEDED);
		assertThat(done.endTime()).isPresent();
		assertThat(Files.readAllLines(results)).hasSize(2)
			.anySatisfy(line -> assertThat(line).startsWith("{\"key\":\"sku-1\",\"response\":{\"candidates\""))
			.anySatisfy(line -> assertThat(line).startsWith("{\"key\":\"sku-2\",\"response\":{\"candidates\""));
		assertThat(client.batches.get(second.name().orElseThrow(), null).state().orElseThrow().knownEnum())
			.isEqualTo(JobState.Known.JOB_STATE_CANCELLED);
		assertThat(listed).as("two pages of one, newest first")
			.extracting(job -> job.name().orElseThrow())
			.containsExactly(second.name().orElseThrow(), created.name().orElseThrow());
		assertThat(this.simulator.stats().batchGenerations()).isEqualTo(2);
	}

	@Test
	void googleGenAiSdkReadsInlineResultsWithTheirKeys() {
		// given
		this.simulator = SimulatorServer.start(Simulators.properties(), this.clock);
		Client client = Client.builder()
			.apiKey(KEY)
			.httpOptions(HttpOptions.builder().baseUrl(this.simulator.baseUrl()).build())
			.build();
		List<InlinedRequest> requests = new ArrayList<>();
		for (String product : List.of("Mug", "Lamp", "Chair")) {
			requests.add(InlinedRequest.builder()
				.contents(com.google.genai.types.Content.fromParts(
						com.google.genai.types.Part.fromText("Studio product photo of " + product)))
				.metadata(java.util.Map.of("key", "sku-" + product))
				.build());
		}
		// when
		BatchJob created = client.batches.create("gemini-3.1-flash-image-preview",
				BatchJobSource.builder().inlinedRequests(requests).build(), null);
		this.clock.advance(DELAY);
		BatchJob done = client.batches.get(created.name().orElseThrow(), null);
		// then
		List<InlinedResponse> responses = done.dest().orElseThrow().inlinedResponses().orElseThrow();
		assertThat(responses).extracting(response -> response.metadata().orElseThrow().get("key"))
			.containsExactlyInAnyOrder("sku-Mug", "sku-Lamp", "sku-Chair");
		assertThat(responses).allSatisfy(response -> assertThat(response.response().orElseThrow().parts())
			.anySatisfy(part -> assertThat(part.inlineData()).hasValueSatisfying(
					data -> assertThat(data.mimeType()).hasValue("image/jpeg"))));
	}

	@Test
	void openAiJavaSdkUploadsCreatesPollsListsReadsTheOutputAndCancels() throws IOException {
		// given
		this.simulator = SimulatorServer.start(Simulators.properties("api-key", KEY), this.clock);
		OpenAIClient client = OpenAIOkHttpClient.builder()
			.apiKey(KEY)
			.baseUrl(this.simulator.baseUrl() + "/v1")
			.maxRetries(0)
			.build();
		Path input = this.work.resolve("input.jsonl");
		Files.writeString(input, openAiLine("sku-1", "Studio product photo of Mug")
				+ openAiLine("sku-2", "Studio product photo of Lamp"));
		BatchCreateParams create = BatchCreateParams.builder()
			.inputFileId("placeholder")
			.endpoint(BatchCreateParams.Endpoint.V1_IMAGES_GENERATIONS)
			.completionWindow(BatchCreateParams.CompletionWindow._24H)
			.metadata(BatchCreateParams.Metadata.builder().putAdditionalProperty("shard", com.openai.core.JsonValue.from("1")).build())
			.build();
		// when
		FileObject file = client.files().create(FileCreateParams.builder().file(input).purpose(FilePurpose.BATCH).build());
		Batch created = client.batches().create(create.toBuilder().inputFileId(file.id()).build());
		this.clock.advance(DELAY);
		Batch done = client.batches().retrieve(created.id());
		String output;
		try (HttpResponse content = client.files().content(done.outputFileId().orElseThrow());
				InputStream body = content.body()) {
			output = new String(body.readAllBytes(), StandardCharsets.UTF_8);
		}
		FileObject outputFile = client.files().retrieve(done.outputFileId().orElseThrow());
		Batch second = client.batches().create(create.toBuilder().inputFileId(file.id()).build());
		Batch cancelling = client.batches().cancel(second.id());
		List<Batch> listed = client.batches().list(BatchListParams.builder().limit(1).build()).autoPager().stream().toList();
		// then
		assertThat(file.purpose()).isEqualTo(FileObject.Purpose.BATCH);
		assertThat(file.bytes()).isEqualTo(Files.size(input));
		assertThat(created.status()).isEqualTo(Batch.Status.VALIDATING);
		assertThat(created.metadata().orElseThrow()._additionalProperties()).containsKey("shard");
		assertThat(done.status()).isEqualTo(Batch.Status.COMPLETED);
		assertThat(done.requestCounts().orElseThrow().completed()).isEqualTo(2);
		assertThat(done.usage().orElseThrow().outputTokens()).isEqualTo(2 * 1056);
		assertThat(output.lines().toList()).hasSize(2)
			.allSatisfy(line -> assertThat(line).contains("\"response\":{\"status_code\":200")
				.contains("\"b64_json\"")
				.endsWith("},\"error\":null}"));
		assertThat(outputFile.bytes()).isEqualTo(output.getBytes(StandardCharsets.UTF_8).length);
		assertThat(cancelling.status()).isEqualTo(Batch.Status.CANCELLING);
		assertThat(listed).extracting(Batch::id).containsExactly(second.id(), created.id());
	}

	private static String geminiLine(String key, String prompt) {
		return "{\"key\":\"" + key + "\",\"request\":{\"contents\":[{\"parts\":[{\"text\":\"" + prompt
				+ "\"}]}],\"generationConfig\":{\"responseModalities\":[\"IMAGE\"]}}}\n";
	}

	private static String openAiLine(String key, String prompt) {
		return "{\"custom_id\":\"" + key + "\",\"method\":\"POST\",\"url\":\"/v1/images/generations\",\"body\":"
				+ "{\"model\":\"gpt-image-1\",\"prompt\":\"" + prompt + "\",\"size\":\"1024x1024\"}}\n";
	}

}
