package com.catalogimage.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.catalogimage.json.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/**
 * Gemini Batch API shapes: a batch as the long-running Operation {@code batches/{id}} (state {@code BATCH_STATE_*},
 * int64 counts as strings with zeros left out as proto3 JSON does, the output both in {@code metadata.output} and in
 * {@code response}), result lines {@code {"key", "response" | "error"}}, file and model resources. The success
 * answers inside are the synchronous path's own ({@link BatchGeneration}); an error answer becomes the line's
 * google.rpc.Status (numeric gRPC code and message).
 */
final class GeminiBatchJson {

	static final String BATCH_TYPE = "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch";

	static final String OUTPUT_TYPE = "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput";

	/** google.rpc.Code numbers by the status names of the HTTP error envelope. */
	private static final Map<String, Integer> GRPC_CODES = Map.ofEntries(Map.entry("CANCELLED", 1),
			Map.entry("UNKNOWN", 2), Map.entry("INVALID_ARGUMENT", 3), Map.entry("DEADLINE_EXCEEDED", 4),
			Map.entry("NOT_FOUND", 5), Map.entry("ALREADY_EXISTS", 6), Map.entry("PERMISSION_DENIED", 7),
			Map.entry("RESOURCE_EXHAUSTED", 8), Map.entry("FAILED_PRECONDITION", 9), Map.entry("ABORTED", 10),
			Map.entry("OUT_OF_RANGE", 11), Map.entry("UNIMPLEMENTED", 12), Map.entry("INTERNAL", 13),
			Map.entry("UNAVAILABLE", 14), Map.entry("DATA_LOSS", 15), Map.entry("UNAUTHENTICATED", 16));

	private GeminiBatchJson() {
	}

	/** A google.rpc.Status: what a batch line or a failed operation carries instead of an HTTP error envelope. */
	record RpcStatus(int code, String message) {

	}

	/** The result file of a batch answered by file: {@code files/batch-{id}}. */
	static String resultFile(String batchId) {
		return "batch-" + batchId;
	}

	/**
	 * Writes a batch as its Operation.
	 *
	 * @param out the stream the generator writes to, where inline answers are rendered straight in
	 * @param inline whether the batch answers with {@code inlinedResponses} rather than a {@code responsesFile}
	 */
	static void operation(JsonGenerator json, OutputStream out, SimulatedBatch<GeminiSimulatorHandler.Call> batch,
			boolean inline, Instant now) throws IOException {
		SimulatedBatch.Phase phase = batch.phase();
		List<SimulatedBatch.Output<GeminiSimulatorHandler.Call>> outputs = batch.outputs();
		json.writeStartObject();
		json.writeStringProperty("name", "batches/" + batch.id());
		json.writeName("metadata");
		json.writeStartObject();
		json.writeStringProperty("@type", BATCH_TYPE);
		json.writeStringProperty("model", "models/" + batch.model());
		json.writeStringProperty("displayName", batch.displayName());
		if (batch.inputFile() != null) {
			json.writeName("inputConfig");
			json.writeStartObject();
			json.writeStringProperty("fileName", "files/" + batch.inputFile());
			json.writeEndObject();
		}
		Instant ended = batch.ended();
		json.writeStringProperty("createTime", batch.timeline().created().toString());
		json.writeStringProperty("updateTime", (ended != null ? ended
				: phase == SimulatedBatch.Phase.RUNNING ? now : batch.timeline().created()).toString());
		if (ended != null) {
			json.writeStringProperty("endTime", ended.toString());
		}
		writeStats(json, batch.counts());
		json.writeStringProperty("state", "BATCH_STATE_" + phase.name());
		json.writeStringProperty("name", "batches/" + batch.id());
		if (phase == SimulatedBatch.Phase.SUCCEEDED) {
			json.writeName("output");
			writeOutput(json, out, batch, outputs, inline, null);
		}
		json.writeEndObject();
		if (phase.terminal()) {
			json.writeBooleanProperty("done", true);
		}
		if (phase == SimulatedBatch.Phase.SUCCEEDED) {
			json.writeName("response");
			writeOutput(json, out, batch, outputs, inline, OUTPUT_TYPE);
		}
		RpcStatus error = operationError(batch);
		if (error != null) {
			json.writeName("error");
			writeStatus(json, error);
		}
		json.writeEndObject();
	}

	/** One line of a result file: {@code {"key": ..., "response": {...}}} or {@code {"key": ..., "error": {...}}}. */
	static void resultLine(OutputStream out, SimulatedBatch.Output<GeminiSimulatorHandler.Call> output,
			BatchGeneration<GeminiSimulatorHandler.Call> generation) throws IOException {
		BatchLine<GeminiSimulatorHandler.Call> line = output.input();
		out.write(("{\"key\":" + BatchExchanges.quote(line.key())).getBytes(StandardCharsets.UTF_8));
		Reply reply = output.result().reply();
		if (reply != null && reply.status() != 200) {
			out.write(",\"error\":".getBytes(StandardCharsets.UTF_8));
			out.write(statusJson(status(reply)).getBytes(StandardCharsets.UTF_8));
		}
		else {
			out.write(",\"response\":".getBytes(StandardCharsets.UTF_8));
			generation.writeAnswer(out, line, output.result());
		}
		out.write("}\n".getBytes(StandardCharsets.UTF_8));
	}

	static void file(JsonGenerator json, BatchFileStore.StoredFile file, String baseUrl, Instant expires) {
		json.writeStartObject();
		json.writeStringProperty("name", "files/" + file.id());
		json.writeStringProperty("displayName", file.name());
		json.writeStringProperty("mimeType", file.mimeType());
		if (file.kind() == BatchFileStore.Kind.UPLOAD) {
			json.writeStringProperty("sizeBytes", String.valueOf(file.bytes()));
		}
		json.writeStringProperty("createTime", file.created().toString());
		json.writeStringProperty("updateTime", file.created().toString());
		json.writeStringProperty("expirationTime", expires.toString());
		json.writeStringProperty("uri", baseUrl + "/v1beta/files/" + file.id());
		json.writeStringProperty("state", "ACTIVE");
		json.writeStringProperty("source", file.kind() == BatchFileStore.Kind.UPLOAD ? "UPLOADED" : "GENERATED");
		json.writeEndObject();
	}

	/** A model resource; {@code batchGenerateContent} is among its methods unless it is not offered for batch. */
	static void model(JsonGenerator json, SimulatedModel model, boolean batch) {
		json.writeStartObject();
		json.writeStringProperty("name", "models/" + model.id());
		json.writeStringProperty("version", "001");
		json.writeStringProperty("displayName", model.id());
		json.writeStringProperty("description", "Simulated " + model.id() + " image model");
		json.writeNumberProperty("inputTokenLimit", model.maxInputTokens());
		json.writeNumberProperty("outputTokenLimit", 32_768);
		json.writeName("supportedGenerationMethods");
		json.writeStartArray();
		json.writeString("generateContent");
		json.writeString("countTokens");
		if (batch) {
			json.writeString("batchGenerateContent");
		}
		json.writeEndArray();
		json.writeNumberProperty("temperature", 1.0);
		json.writeNumberProperty("topP", 0.95);
		json.writeNumberProperty("maxTemperature", 2.0);
		json.writeBooleanProperty("thinking", model.thinkingTokens() > 0);
		json.writeEndObject();
	}

	/** The status of an error answer, read from its HTTP envelope {@code {"error": {"message", "status"}}}. */
	static RpcStatus status(Reply reply) {
		String[] found = { "UNKNOWN", "" };
		try (JsonParser parser = Json.FACTORY.createParser(reply.body())) {
			Json.requireObject(parser);
			Json.fields(parser, key -> {
				if (!key.equals("error")) {
					Json.skip(parser);
					return;
				}
				Json.fields(parser, field -> {
					switch (field) {
						case "status" -> found[0] = String.valueOf(Json.text(parser));
						case "message" -> found[1] = String.valueOf(Json.text(parser));
						default -> Json.skip(parser);
					}
				});
			});
		}
		return new RpcStatus(GRPC_CODES.getOrDefault(found[0], 2), found[1]);
	}

	private static @Nullable RpcStatus operationError(SimulatedBatch<?> batch) {
		return switch (batch.phase()) {
			case FAILED -> {
				BatchFailure failure = batch.failure();
				yield new RpcStatus(3, failure == null ? "The batch failed." : failure.message());
			}
			case CANCELLED -> new RpcStatus(1, "The batch was cancelled.");
			case EXPIRED -> new RpcStatus(4, "The batch expired before it completed: it ran or was pending for "
					+ "longer than 48 hours.");
			default -> null;
		};
	}

	private static void writeOutput(JsonGenerator json, OutputStream out,
			SimulatedBatch<GeminiSimulatorHandler.Call> batch, List<SimulatedBatch.Output<GeminiSimulatorHandler.Call>> outputs, boolean inline,
			@Nullable String type) throws IOException {
		json.writeStartObject();
		if (type != null) {
			json.writeStringProperty("@type", type);
		}
		if (!inline) {
			json.writeStringProperty("responsesFile", "files/" + resultFile(batch.id()));
			json.writeEndObject();
			return;
		}
		json.writeName("inlinedResponses");
		json.writeStartObject();
		json.writeName("inlinedResponses");
		json.writeStartArray();
		for (SimulatedBatch.Output<GeminiSimulatorHandler.Call> output : outputs) {
			writeInline(json, out, output, batch.generation());
		}
		json.writeEndArray();
		json.writeEndObject();
		json.writeEndObject();
	}

	private static void writeInline(JsonGenerator json, OutputStream out,
			SimulatedBatch.Output<GeminiSimulatorHandler.Call> output,
			BatchGeneration<GeminiSimulatorHandler.Call> generation) throws IOException {
		BatchLine<GeminiSimulatorHandler.Call> line = output.input();
		json.writeStartObject();
		Reply reply = output.result().reply();
		if (reply != null && reply.status() != 200) {
			json.writeName("error");
			writeStatus(json, status(reply));
		}
		else {
			json.writeName("response");
			BatchExchanges.embed(json, out, target -> generation.writeAnswer(target, line, output.result()));
		}
		if (!line.key().isEmpty()) {
			json.writeName("metadata");
			json.writeStartObject();
			json.writeStringProperty("key", line.key());
			json.writeEndObject();
		}
		json.writeEndObject();
	}

	private static void writeStats(JsonGenerator json, SimulatedBatch.Counts counts) {
		json.writeName("batchStats");
		json.writeStartObject();
		writeCount(json, "requestCount", counts.total());
		writeCount(json, "successfulRequestCount", counts.succeeded());
		writeCount(json, "failedRequestCount", counts.failed());
		writeCount(json, "pendingRequestCount", counts.pending());
		json.writeEndObject();
	}

	/** int64 as a JSON string, left out when 0 (proto3 JSON). */
	private static void writeCount(JsonGenerator json, String name, long count) {
		if (count != 0) {
			json.writeStringProperty(name, String.valueOf(count));
		}
	}

	private static void writeStatus(JsonGenerator json, RpcStatus status) {
		json.writeStartObject();
		json.writeNumberProperty("code", status.code());
		json.writeStringProperty("message", status.message());
		json.writeEndObject();
	}

	private static String statusJson(RpcStatus status) {
		return "{\"code\":" + status.code() + ",\"message\":" + BatchExchanges.quote(status.message()) + "}";
	}

}
