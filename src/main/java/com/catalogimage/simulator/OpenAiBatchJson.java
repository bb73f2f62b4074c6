package com.catalogimage.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * OpenAI Batch API shapes: the Batch object (every field present, {@code null} when unset, timestamps in epoch
 * seconds, as the API sends it), the File object, and the output and error file lines
 * ({@code {"id", "custom_id", "response": {"status_code", "request_id", "body"}, "error"}}). A line's body is the
 * synchronous answer itself ({@link BatchGeneration}), error answers included, so a client must check
 * {@code status_code} on every line; a request the batch never did carries {@code error}
 * ({@code batch_expired}, {@code batch_cancelled}) and no response.
 */
final class OpenAiBatchJson {

	static final String ENDPOINT = "/v1/images/generations";

	/** The Batch API's endpoints; the simulator serves the image generations one. */
	static final List<String> ENDPOINTS = List.of("/v1/responses", "/v1/chat/completions", "/v1/embeddings",
			"/v1/completions", "/v1/moderations", "/v1/images/generations", "/v1/images/edits", "/v1/videos");

	private OpenAiBatchJson() {
	}

	/**
	 * The files of an ended batch: successful lines in the output file, failed and never-done ones in the error
	 * file; null where there is nothing to put.
	 */
	record ResultFiles(@Nullable String output, @Nullable String errors) {

		static final ResultFiles NONE = new ResultFiles(null, null);

	}

	static void batch(JsonGenerator json, SimulatedBatch<OpenAiSimulatorRequest> batch, ResultFiles files,
			Instant expiresAt, Instant now) {
		SimulatedBatch.Phase phase = batch.phase();
		SimulatedBatch.Timeline timeline = batch.timeline();
		Instant ended = batch.ended();
		Instant cancelling = batch.cancelRequested();
		Instant started = batch.started();
		boolean validated = started != null;
		Instant finalizing = timeline.done().minus(Duration.between(timeline.running(), timeline.done())
			.dividedBy(20));
		json.writeStartObject();
		json.writeStringProperty("id", batch.id());
		json.writeStringProperty("object", "batch");
		json.writeStringProperty("endpoint", ENDPOINT);
		json.writeStringProperty("model", batch.model());
		writeErrors(json, batch.failure(), phase);
		json.writeStringProperty("input_file_id", String.valueOf(batch.inputFile()));
		json.writeStringProperty("completion_window", "24h");
		json.writeStringProperty("status", status(phase, cancelling, !now.isBefore(finalizing)));
		writeNullable(json, "output_file_id", files.output());
		writeNullable(json, "error_file_id", files.errors());
		json.writeNumberProperty("created_at", seconds(timeline.created()));
		writeTime(json, "in_progress_at", started);
		json.writeNumberProperty("expires_at", seconds(expiresAt));
		writeTime(json, "finalizing_at", phase == SimulatedBatch.Phase.SUCCEEDED
				|| (phase == SimulatedBatch.Phase.RUNNING && !now.isBefore(finalizing)) ? finalizing : null);
		writeTime(json, "completed_at", phase == SimulatedBatch.Phase.SUCCEEDED ? ended : null);
		writeTime(json, "failed_at", phase == SimulatedBatch.Phase.FAILED ? ended : null);
		writeTime(json, "expired_at", phase == SimulatedBatch.Phase.EXPIRED ? ended : null);
		writeTime(json, "cancelling_at", cancelling);
		writeTime(json, "cancelled_at", phase == SimulatedBatch.Phase.CANCELLED ? ended : null);
		writeCounts(json, batch, phase, validated);
		writeUsage(json, batch);
		if (batch.metadata().isEmpty()) {
			json.writeNullProperty("metadata");
		}
		else {
			json.writeName("metadata");
			json.writeStartObject();
			batch.metadata().forEach(json::writeStringProperty);
			json.writeEndObject();
		}
		json.writeEndObject();
	}

	static void file(JsonGenerator json, BatchFileStore.StoredFile file, long bytes, Instant expiresAt) {
		json.writeStartObject();
		json.writeStringProperty("object", "file");
		json.writeStringProperty("id", file.id());
		json.writeStringProperty("purpose", file.purpose());
		json.writeStringProperty("filename", file.name());
		json.writeNumberProperty("bytes", bytes);
		json.writeNumberProperty("created_at", seconds(file.created()));
		json.writeNumberProperty("expires_at", seconds(expiresAt));
		json.writeStringProperty("status", "processed");
		json.writeNullProperty("status_details");
		json.writeEndObject();
	}

	/** A line the batch did: its answer, whatever its status. */
	static void answerLine(OutputStream out, String batchId, int index,
			SimulatedBatch.Output<OpenAiSimulatorRequest> output,
			BatchGeneration<OpenAiSimulatorRequest> generation) throws IOException {
		String start = "{\"id\":\"batch_req_" + hex(batchId, "line", index) + "\",\"custom_id\":"
				+ BatchExchanges.quote(output.input().key()) + ",\"response\":{\"status_code\":"
				+ output.result().status() + ",\"request_id\":\"req_" + hex(batchId, "request", index)
				+ "\",\"body\":";
		out.write(start.getBytes(StandardCharsets.UTF_8));
		generation.writeAnswer(out, output.input(), output.result());
		out.write("},\"error\":null}\n".getBytes(StandardCharsets.UTF_8));
	}

	/** A line the batch never did, because it expired or was cancelled first. */
	static void notDoneLine(OutputStream out, String batchId, int index, BatchLine<?> line, boolean expired)
			throws IOException {
		String error = expired
				? "{\"code\":\"batch_expired\",\"message\":\"This request could not be executed before the "
						+ "completion window expired.\"}"
				: "{\"code\":\"batch_cancelled\",\"message\":\"This request was not executed because the batch "
						+ "was cancelled.\"}";
		String text = "{\"id\":\"batch_req_" + hex(batchId, "line", index) + "\",\"custom_id\":"
				+ BatchExchanges.quote(line.key()) + ",\"response\":null,\"error\":" + error + "}\n";
		out.write(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String status(SimulatedBatch.Phase phase, @Nullable Instant cancelling, boolean finalizing) {
		return switch (phase) {
			case PENDING -> cancelling != null ? "cancelling" : "validating";
			case RUNNING -> cancelling != null ? "cancelling" : finalizing ? "finalizing" : "in_progress";
			case SUCCEEDED -> "completed";
			case FAILED -> "failed";
			case CANCELLED -> "cancelled";
			case EXPIRED -> "expired";
		};
	}

	private static void writeErrors(JsonGenerator json, @Nullable BatchFailure failure, SimulatedBatch.Phase phase) {
		if (failure == null || phase != SimulatedBatch.Phase.FAILED) {
			json.writeNullProperty("errors");
			return;
		}
		json.writeName("errors");
		json.writeStartObject();
		json.writeStringProperty("object", "list");
		json.writeName("data");
		json.writeStartArray();
		json.writeStartObject();
		json.writeStringProperty("code", failure.code());
		if (failure.line() == null) {
			json.writeNullProperty("line");
		}
		else {
			json.writeNumberProperty("line", failure.line());
		}
		json.writeStringProperty("message", failure.message());
		writeNullable(json, "param", failure.param());
		json.writeEndObject();
		json.writeEndArray();
		json.writeEndObject();
	}

	/** Zero while validating (as the API answers a new batch), then the lines done so far and how. */
	private static void writeCounts(JsonGenerator json, SimulatedBatch<OpenAiSimulatorRequest> batch,
			SimulatedBatch.Phase phase, boolean validated) {
		SimulatedBatch.Counts counts = batch.counts();
		boolean unfinished = phase == SimulatedBatch.Phase.EXPIRED || phase == SimulatedBatch.Phase.CANCELLED;
		json.writeName("request_counts");
		json.writeStartObject();
		json.writeNumberProperty("total", validated || unfinished ? counts.total() : 0);
		json.writeNumberProperty("completed", counts.succeeded());
		json.writeNumberProperty("failed", counts.failed() + (unfinished ? counts.pending() : 0));
		json.writeEndObject();
	}

	/** The tokens of what the batch delivered (and billed), once it has ended. */
	private static void writeUsage(JsonGenerator json, SimulatedBatch<OpenAiSimulatorRequest> batch) {
		long input = 0;
		long output = 0;
		for (SimulatedBatch.Output<OpenAiSimulatorRequest> line : batch.outputs()) {
			OpenAiSimulatorRequest request = line.input().request();
			if (line.result().status() == 200 && request != null) {
				input += OpenAiSimulatorHandler.inputTokens(line.input().prompt());
				output += line.result().delivered() ? OpenAiSimulatorHandler.outputTokens(request) : 0;
			}
		}
		json.writeName("usage");
		json.writeStartObject();
		json.writeNumberProperty("input_tokens", input);
		json.writeName("input_tokens_details");
		json.writeStartObject();
		json.writeNumberProperty("cached_tokens", 0);
		json.writeEndObject();
		json.writeNumberProperty("output_tokens", output);
		json.writeName("output_tokens_details");
		json.writeStartObject();
		json.writeNumberProperty("reasoning_tokens", 0);
		json.writeEndObject();
		json.writeNumberProperty("total_tokens", input + output);
		json.writeEndObject();
	}

	private static void writeTime(JsonGenerator json, String name, @Nullable Instant instant) {
		if (instant == null || instant.equals(Instant.MAX)) {
			json.writeNullProperty(name);
		}
		else {
			json.writeNumberProperty(name, seconds(instant));
		}
	}

	private static void writeNullable(JsonGenerator json, String name, @Nullable String value) {
		if (value == null) {
			json.writeNullProperty(name);
		}
		else {
			json.writeStringProperty(name, value);
		}
	}

	static long seconds(Instant instant) {
		return instant.getEpochSecond();
	}

	/** 32 hex digits, the same for the same line of the same batch, so a file reads the same every time. */
	private static String hex(String batchId, String kind, int index) {
		return UUID.nameUUIDFromBytes((batchId + "/" + kind + "/" + index).getBytes(StandardCharsets.UTF_8))
			.toString()
			.replace("-", "");
	}

}
