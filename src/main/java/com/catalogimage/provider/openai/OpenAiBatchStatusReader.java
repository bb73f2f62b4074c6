package com.catalogimage.provider.openai;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.catalogimage.provider.BatchCounts;
import com.catalogimage.provider.BatchState;
import com.catalogimage.provider.BatchListing;
import com.catalogimage.provider.BatchListing.Page;
import com.catalogimage.provider.BatchStatus;
import com.catalogimage.json.Json;
import com.catalogimage.provider.ResultSource;
import com.catalogimage.provider.SecretRedactor;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;

/**
 * Reads OpenAI's Batch object ({@code id, status, request_counts, output_file_id, error_file_id, errors, metadata,
 * created_at}, as in openai-python's {@code types/batch.py}) and a page of {@code GET /v1/batches}
 * ({@code {"data": [...], "has_more", "last_id"}}).
 */
final class OpenAiBatchStatusReader {

	/** The metadata key that holds the display name (OpenAI batches have no name of their own). */
	static final String DISPLAY_NAME = "display_name";

	private final SecretRedactor redactor;

	private String id = "";

	private String displayName = "";

	private String rawState = "";

	private long total;

	private long completed;

	private long failed;

	private @Nullable String outputFile;

	private @Nullable String errorFile;

	private @Nullable Instant createdAt;

	private @Nullable String error;

	private OpenAiBatchStatusReader(SecretRedactor redactor) {
		this.redactor = redactor;
	}

	static BatchStatus read(InputStream body, SecretRedactor redactor) throws IOException {
		try (JsonParser parser = Json.FACTORY.createParser(body)) {
			Json.requireObject(parser);
			return read(parser, redactor);
		}
	}

	static BatchStatus read(JsonParser parser, SecretRedactor redactor) {
		OpenAiBatchStatusReader reader = new OpenAiBatchStatusReader(redactor);
		Json.fieldsAsSent(parser, key -> reader.readBatch(parser, key));
		return reader.status();
	}

	/** One page of the listing; the cursor of the next one is its last batch's id, while {@code has_more}. */
	static Page readPage(InputStream body, SecretRedactor redactor) throws IOException {
		List<BatchStatus> batches = new ArrayList<>();
		boolean[] hasMore = new boolean[1];
		String[] lastId = new String[1];
		try (JsonParser parser = Json.FACTORY.createParser(body)) {
			Json.requireObject(parser);
			Json.fieldsAsSent(parser, key -> {
				switch (key) {
					case "data" -> Json.elements(parser, () -> batches.add(read(parser, redactor)));
					case "has_more" -> hasMore[0] = "true".equals(Json.text(parser));
					case "last_id" -> lastId[0] = Json.text(parser);
					default -> Json.skip(parser);
				}
			});
		}
		String after = lastId[0];
		if (after == null && !batches.isEmpty()) {
			after = batches.get(batches.size() - 1).id();
		}
		return new Page(batches, hasMore[0] ? after : null);
	}

	private void readBatch(JsonParser parser, String key) {
		switch (key) {
			case "id" -> this.id = orEmpty(Json.text(parser));
			case "status" -> this.rawState = orEmpty(Json.text(parser));
			case "output_file_id" -> this.outputFile = Json.text(parser);
			case "error_file_id" -> this.errorFile = Json.text(parser);
			case "created_at" -> {
				long seconds = Json.longValue(parser);
				this.createdAt = seconds > 0 ? Instant.ofEpochSecond(seconds) : null;
			}
			case "request_counts" -> Json.fieldsAsSent(parser, field -> {
				switch (field) {
					case "total" -> this.total = Json.longValue(parser);
					case "completed" -> this.completed = Json.longValue(parser);
					case "failed" -> this.failed = Json.longValue(parser);
					default -> Json.skip(parser);
				}
			});
			case "metadata" -> Json.fieldsAsSent(parser, field -> {
				if (field.equals(DISPLAY_NAME)) {
					this.displayName = orEmpty(Json.text(parser));
				}
				else {
					Json.skip(parser);
				}
			});
			case "errors" -> Json.fieldsAsSent(parser, field -> {
				if (field.equals("data")) {
					Json.firstElement(parser, () -> readError(parser));
				}
				else {
					Json.skip(parser);
				}
			});
			default -> Json.skip(parser);
		}
	}

	/** The first validation error, e.g. {@code token_limit_exceeded: Enqueued token limit reached ...}. */
	private void readError(JsonParser parser) {
		String[] fields = { "", "", "" };
		Json.fieldsAsSent(parser, key -> {
			switch (key) {
				case "code" -> fields[0] = orEmpty(Json.text(parser));
				case "message" -> fields[1] = orEmpty(Json.text(parser));
				case "line" -> fields[2] = orEmpty(Json.text(parser));
				default -> Json.skip(parser);
			}
		});
		String line = fields[2].isEmpty() ? "" : " (line " + fields[2] + ")";
		this.error = this.redactor.redact(fields[0] + ": " + fields[1] + line);
	}

	private BatchStatus status() {
		List<ResultSource> results = new ArrayList<>();
		if (this.outputFile != null && !this.outputFile.isEmpty()) {
			results.add(new ResultSource(ResultSource.Kind.FILE, this.outputFile));
		}
		if (this.errorFile != null && !this.errorFile.isEmpty()) {
			results.add(new ResultSource(ResultSource.Kind.ERROR_FILE, this.errorFile));
		}
		long pending = Math.max(0, this.total - this.completed - this.failed);
		return new BatchStatus(this.id, this.displayName, state(this.rawState), this.rawState,
				new BatchCounts(this.total, this.completed, this.failed, pending), results, this.createdAt, this.error);
	}

	static BatchState state(String raw) {
		return switch (raw) {
			case "in_progress", "finalizing" -> BatchState.RUNNING;
			case "completed" -> BatchState.SUCCEEDED;
			case "failed" -> BatchState.FAILED;
			case "cancelling" -> BatchState.CANCELLING;
			case "cancelled" -> BatchState.CANCELLED;
			case "expired" -> BatchState.EXPIRED;
			default -> BatchState.PENDING;
		};
	}

	private static String orEmpty(@Nullable String text) {
		return text == null ? "" : text;
	}

}
