package com.catalogimage.provider.openai;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.file.Path;
import java.util.Map;

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
 * Reads one line of an OpenAI batch's output or error file (BatchRequestOutput in OpenAI's API reference):
 * {@code {"id": "batch_req_...", "custom_id": "...", "response": {"status_code": 200, "request_id": "...",
 * "body": {ImagesResponse}}, "error": null}}. Every line's {@code status_code} is checked, since a request that failed
 * at the HTTP level comes with {@code error: null} and its error in the body (openai/openai-openapi issue #302); a
 * request that never ran has {@code response: null} and {@code error: {code, message}}. The body is read as a
 * synchronous answer, its image decoded straight to a file, whatever the order of the fields.
 */
final class OpenAiBatchLineReader {

	private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (name, value) -> true);

	/** A line's image file is made as its image arrives: nothing is called per line, so nothing is prepared. */
	private final ImageFiles files;

	private final OpenAiErrorClassifier errors;

	private final SecretRedactor redactor;

	OpenAiBatchLineReader(Path workDirectory, OpenAiErrorClassifier errors, SecretRedactor redactor) {
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
			Json.fieldsAsSent(parser, key -> line.read(parser, key));
		}
		catch (IOException | RuntimeException ex) {
			line.discard();
			throw ex;
		}
		return new BatchResultLine(line.key, index, line.outcome());
	}

	private final class Line {

		private @Nullable String key;

		private boolean response;

		private int statusCode;

		private @Nullable OpenAiAnswer body;

		private @Nullable String errorCode;

		private String errorMessage = "";

		void read(JsonParser parser, String field) throws IOException {
			switch (field) {
				case "custom_id" -> this.key = Json.text(parser);
				case "response" -> {
					this.response = parser.currentToken() == JsonToken.START_OBJECT;
					Json.fieldsAsSent(parser, name -> readResponse(parser, name));
				}
				case "error" -> Json.fieldsAsSent(parser, name -> {
					switch (name) {
						case "code" -> this.errorCode = Json.text(parser);
						case "message" -> this.errorMessage = String.valueOf(Json.text(parser));
						default -> Json.skip(parser);
					}
				});
				default -> Json.skip(parser);
			}
		}

		private void readResponse(JsonParser parser, String field) throws IOException {
			switch (field) {
				case "status_code" -> this.statusCode = (int) Json.longValue(parser);
				case "body" -> {
					OpenAiAnswer read = OpenAiResponseReader.read(parser, OpenAiBatchLineReader.this.files);
					discard();
					this.body = read;
				}
				default -> Json.skip(parser);
			}
		}

		BatchOutcome outcome() {
			if (this.errorCode != null || !this.response) {
				discard();
				String code = this.errorCode == null || this.errorCode.isEmpty() ? "no-response" : this.errorCode;
				// batch_expired, batch_cancelled: the request never ran, so the product is simply not done
				return new BatchOutcome.Failed(new RetryableFailure(code,
						OpenAiBatchLineReader.this.redactor.redact(code + ": " + this.errorMessage), 0, null));
			}
			OpenAiAnswer answer = this.body;
			boolean success = this.statusCode >= 200 && this.statusCode < 300
					|| this.statusCode == 0 && answer != null && answer.image() != null;
			if (!success) {
				discard();
				String envelope = answer == null || answer.errorEnvelope() == null ? "" : answer.errorEnvelope();
				int status = this.statusCode == 0 ? 500 : this.statusCode;
				return new BatchOutcome.Failed(OpenAiBatchLineReader.this.errors.classify(status, NO_HEADERS, envelope));
			}
			if (answer == null) {
				return new BatchOutcome.Failed(new RetryableFailure("no-image", "the result line carried no body",
						this.statusCode, null));
			}
			try {
				return new BatchOutcome.Delivered(answer.toImage());
			}
			catch (ProviderFailure ex) {
				return new BatchOutcome.Failed(ex);
			}
		}

		void discard() {
			if (this.body != null) {
				this.body.discard();
				this.body = null;
			}
		}

	}

}
