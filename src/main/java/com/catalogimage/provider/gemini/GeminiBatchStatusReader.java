package com.catalogimage.provider.gemini;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
import tools.jackson.core.JsonToken;

/**
 * Reads a batch as {@code batches.get}, {@code batchGenerateContent} and {@code batches.list} return it: a
 * long-running Operation whose {@code metadata} is the GenerateContentBatch ({@code displayName}, {@code state},
 * {@code batchStats}, {@code output}) and whose {@code response} mirrors the output when done (docs/image-api-contract.md
 * section 2.2). The batch's own fields are accepted at the top level too. Inline results are only noticed here, never
 * decoded: they are skipped as the parser passes them, whatever their size.
 */
final class GeminiBatchStatusReader {

	private final SecretRedactor redactor;

	private String id = "";

	private String displayName = "";

	private String rawState = "";

	private long total;

	private long succeeded;

	private long failed;

	private long pending;

	private @Nullable String responsesFile;

	private boolean inline;

	private @Nullable Instant createTime;

	private @Nullable String error;

	private GeminiBatchStatusReader(SecretRedactor redactor) {
		this.redactor = redactor;
	}

	static BatchStatus read(InputStream body, SecretRedactor redactor) throws IOException {
		try (JsonParser parser = Json.FACTORY.createParser(body)) {
			Json.requireObject(parser);
			return read(parser, redactor);
		}
	}

	/** Reads the batch object the parser is on, consuming it. */
	static BatchStatus read(JsonParser parser, SecretRedactor redactor) {
		GeminiBatchStatusReader reader = new GeminiBatchStatusReader(redactor);
		Json.fields(parser, key -> reader.readOperation(parser, key));
		return reader.status();
	}

	/** One page of {@code batches.list}: {@code {"operations": [...], "nextPageToken": "..."}}. */
	static Page readPage(InputStream body, SecretRedactor redactor) throws IOException {
		List<BatchStatus> batches = new ArrayList<>();
		String[] next = new String[1];
		try (JsonParser parser = Json.FACTORY.createParser(body)) {
			Json.requireObject(parser);
			Json.fields(parser, key -> {
				switch (key) {
					case "operations", "batches" -> Json.elements(parser, () -> batches.add(read(parser, redactor)));
					case "nextpagetoken" -> next[0] = Json.text(parser);
					default -> Json.skip(parser);
				}
			});
		}
		return new Page(batches, next[0] == null || next[0].isEmpty() ? null : next[0]);
	}

	private void readOperation(JsonParser parser, String key) {
		switch (key) {
			case "name" -> this.id = orEmpty(Json.text(parser));
			case "metadata" -> Json.fields(parser, field -> readBatch(parser, field));
			case "response" -> Json.fields(parser, field -> readOutput(parser, field));
			case "error" -> readError(parser);
			default -> readBatch(parser, key);
		}
	}

	/** A field of the GenerateContentBatch, found in the Operation's metadata or at its top level. */
	private void readBatch(JsonParser parser, String key) {
		switch (key) {
			case "displayname" -> this.displayName = orEmpty(Json.text(parser));
			case "state" -> this.rawState = orEmpty(Json.text(parser));
			case "createtime" -> this.createTime = instant(Json.text(parser));
			case "batchstats" -> Json.fields(parser, field -> readStats(parser, field));
			case "output" -> Json.fields(parser, field -> readOutput(parser, field));
			default -> Json.skip(parser);
		}
	}

	private void readStats(JsonParser parser, String key) {
		// int64 counts are JSON strings on this API; Json.longValue reads both
		switch (key) {
			case "requestcount" -> this.total = Json.longValue(parser);
			case "successfulrequestcount" -> this.succeeded = Json.longValue(parser);
			case "failedrequestcount" -> this.failed = Json.longValue(parser);
			case "pendingrequestcount" -> this.pending = Json.longValue(parser);
			default -> Json.skip(parser);
		}
	}

	private void readOutput(JsonParser parser, String key) {
		switch (key) {
			case "responsesfile" -> {
				String file = Json.text(parser);
				if (file != null && !file.isEmpty()) {
					this.responsesFile = file;
				}
			}
			case "inlinedresponses" -> Json.fields(parser, field -> {
				if (field.equals("inlinedresponses") && parser.currentToken() == JsonToken.START_ARRAY) {
					while (parser.nextToken() != JsonToken.END_ARRAY) {
						this.inline = true;
						Json.skip(parser);
					}
				}
				else {
					Json.skip(parser);
				}
			});
			default -> Json.skip(parser);
		}
	}

	private void readError(JsonParser parser) {
		String[] fields = { "", "" };
		Json.fields(parser, key -> {
			switch (key) {
				case "code" -> fields[0] = orEmpty(Json.text(parser));
				case "message" -> fields[1] = orEmpty(Json.text(parser));
				default -> Json.skip(parser);
			}
		});
		this.error = this.redactor.redact((fields[0] + ": " + fields[1]).trim());
	}

	private BatchStatus status() {
		List<ResultSource> results = new ArrayList<>();
		// the file and the inline list are two shapes of one output: reading both would hand every line over twice
		if (this.responsesFile != null) {
			results.add(new ResultSource(ResultSource.Kind.FILE, this.responsesFile));
		}
		else if (this.inline) {
			results.add(new ResultSource(ResultSource.Kind.INLINE, this.id));
		}
		BatchState state = state(this.rawState);
		BatchCounts counts = new BatchCounts(this.total, this.succeeded, this.failed, this.pending);
		return new BatchStatus(this.id, this.displayName, state, this.rawState, counts, results, this.createTime,
				this.error);
	}

	/** {@code BATCH_STATE_X} on the wire, {@code JOB_STATE_X} in the SDKs and parts of the guide: both are read. */
	static BatchState state(String raw) {
		String state = raw.toUpperCase(Locale.ROOT).replaceFirst("^(BATCH|JOB)_STATE_", "");
		return switch (state) {
			case "RUNNING", "PAUSED", "UPDATING" -> BatchState.RUNNING;
			case "SUCCEEDED", "PARTIALLY_SUCCEEDED" -> BatchState.SUCCEEDED;
			case "FAILED" -> BatchState.FAILED;
			case "CANCELLING" -> BatchState.CANCELLING;
			case "CANCELLED" -> BatchState.CANCELLED;
			case "EXPIRED" -> BatchState.EXPIRED;
			default -> BatchState.PENDING;
		};
	}

	private static @Nullable Instant instant(@Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String orEmpty(@Nullable String text) {
		return text == null ? "" : text;
	}

}
