package com.catalogimage.provider.gemini;

import java.io.IOException;
import java.nio.file.Path;

import com.catalogimage.provider.ImageFiles;
import com.catalogimage.provider.BatchOutcome;
import com.catalogimage.provider.BatchResultLine;
import com.catalogimage.json.Json;
import com.catalogimage.provider.ProviderFailure;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.provider.SecretRedactor;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads one result of a Gemini batch: a line of the responses file, {@code {"key": "...", "response":
 * {GenerateContentResponse}}} or {@code {"key": "...", "error": {google.rpc.Status}}}, or an element of
 * {@code inlinedResponses}, which carries its key as {@code metadata.key} when the backend echoes it at all
 * (docs/image-api-contract.md section 2.2). The response is read exactly as a synchronous answer, its image decoded
 * straight to a file; the fields may come in any order.
 */
final class GeminiBatchLineReader {

	/** A google.rpc.Status is a few hundred characters; more is not kept. */
	private static final int MAX_ERROR_CHARS = 64 * 1024;

	/** A line's image file is made as its image arrives: nothing is called per line, so nothing is prepared. */
	private final ImageFiles files;

	private final GeminiErrorClassifier errors;

	private final SecretRedactor redactor;

	GeminiBatchLineReader(Path workDirectory, GeminiErrorClassifier errors, SecretRedactor redactor) {
		this.files = ImageFiles.in(workDirectory);
		this.errors = errors;
		this.redactor = redactor;
	}

	/** Reads the line the parser is on, consuming it. */
	BatchResultLine read(JsonParser parser, long index) throws IOException {
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			Json.skip(parser);
			return new BatchResultLine(null, index, new BatchOutcome.Failed(new RetryableFailure("malformed-line",
					"result line " + index + " is not a JSON object", 200, null)));
		}
		Line line = new Line();
		try {
			Json.fields(parser, key -> line.read(parser, key));
		}
		catch (IOException | RuntimeException ex) {
			line.discard();
			throw ex;
		}
		return new BatchResultLine(line.key(), index, line.outcome());
	}

	/** The fields of one line as they arrive. */
	private final class Line {

		private @Nullable String key;

		private @Nullable String metadataKey;

		private @Nullable GeminiAnswer answer;

		private @Nullable GoogleRpcError error;

		void read(JsonParser parser, String field) throws IOException {
			switch (field) {
				case "key" -> this.key = Json.text(parser);
				case "metadata" -> Json.fields(parser, name -> {
					if (name.equals("key")) {
						this.metadataKey = Json.text(parser);
					}
					else {
						Json.skip(parser);
					}
				});
				case "response" -> {
					GeminiAnswer read = GeminiResponseReader.read(parser, GeminiBatchLineReader.this.files);
					discard();
					this.answer = read;
				}
				case "error" -> {
					if (parser.currentToken() == JsonToken.START_OBJECT) {
						this.error = GoogleRpcError.parse("{\"error\":" + Json.copy(parser, MAX_ERROR_CHARS) + "}");
					}
					else {
						Json.skip(parser);
					}
				}
				default -> Json.skip(parser);
			}
		}

		@Nullable String key() {
			return this.key != null ? this.key : this.metadataKey;
		}

		BatchOutcome outcome() {
			GoogleRpcError failure = this.error;
			if (failure != null) {
				discard();
				return new BatchOutcome.Failed(classify(failure));
			}
			GeminiAnswer read = this.answer;
			if (read == null) {
				return new BatchOutcome.Failed(new RetryableFailure("no-result",
						"the result line carried neither a response nor an error", 200, null));
			}
			try {
				return new BatchOutcome.Delivered(read.toImage());
			}
			catch (ProviderFailure ex) {
				return new BatchOutcome.Failed(ex);
			}
		}

		void discard() {
			if (this.answer != null) {
				this.answer.discard();
				this.answer = null;
			}
		}

	}

	/**
	 * A line's error is a google.rpc.Status with a numeric gRPC code; it is classified as the synchronous call's HTTP
	 * answer with the same meaning would be (3 INVALID_ARGUMENT skips the product, 8 RESOURCE_EXHAUSTED and
	 * 14 UNAVAILABLE leave it to another attempt). A request the batch never ran (1 CANCELLED, 4 DEADLINE_EXCEEDED,
	 * 10 ABORTED, 2 UNKNOWN) is not done either: retryable.
	 */
	private ProviderFailure classify(GoogleRpcError status) {
		GrpcCode code = GrpcCode.of(status.code());
		if (code.retryable) {
			String label = status.code() + " " + code.name();
			return new RetryableFailure(label, this.redactor.redact(label + ": " + status.message()), code.httpStatus,
					status.retryDelay());
		}
		String name = status.status().isEmpty() ? code.name() : status.status();
		return this.errors.classify(code.httpStatus, new GoogleRpcError(code.httpStatus, status.message(), name,
				status.retryDelay(), status.violations(), status.reasons()));
	}

	/** The canonical gRPC codes with the HTTP status Google maps each to. */
	private enum GrpcCode {

		OK(200, true), CANCELLED(499, true), UNKNOWN(500, true), INVALID_ARGUMENT(400, false),
		DEADLINE_EXCEEDED(504, true), NOT_FOUND(404, false), ALREADY_EXISTS(409, false), PERMISSION_DENIED(403, false),
		RESOURCE_EXHAUSTED(429, false), FAILED_PRECONDITION(400, false), ABORTED(409, true), OUT_OF_RANGE(400, false),
		UNIMPLEMENTED(501, false), INTERNAL(500, false), UNAVAILABLE(503, false), DATA_LOSS(500, false),
		UNAUTHENTICATED(401, false);

		private final int httpStatus;

		private final boolean retryable;

		GrpcCode(int httpStatus, boolean retryable) {
			this.httpStatus = httpStatus;
			this.retryable = retryable;
		}

		static GrpcCode of(int code) {
			GrpcCode[] all = values();
			return code >= 0 && code < all.length ? all[code] : UNKNOWN;
		}

	}

}
