package com.catalogimage.provider.gemini;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.catalogimage.provider.BatchImageClient;
import com.catalogimage.provider.BatchInput;
import com.catalogimage.provider.BatchItem;
import com.catalogimage.provider.BatchLimits;
import com.catalogimage.provider.BatchResultHandler;
import com.catalogimage.provider.BatchListing;
import com.catalogimage.provider.BatchStatus;
import com.catalogimage.provider.BatchSupport;
import com.catalogimage.provider.ItemFailure;
import com.catalogimage.json.Json;
import com.catalogimage.provider.JsonLines;
import com.catalogimage.provider.JsonLinesWriter;
import com.catalogimage.provider.ProviderFailure;
import com.catalogimage.provider.ProviderHttp;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.provider.ResultSource;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.provider.SecretRedactor;
import com.catalogimage.provider.SystemicFailure;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The Gemini Batch API for image models (docs/image-api-contract.md section 2; https://ai.google.dev/gemini-api/docs/batch-mode):
 * a JSONL file of {@code {"key", "request"}} lines, reference images inline as base64 (a file uploaded separately
 * expires after 48 hours, and a batch may wait that long), uploaded through the Files API's resumable protocol, then
 * {@code models/{model}:batchGenerateContent} with {@code inputConfig.fileName}. Results come as a responses file or,
 * for small batches even of file input, inline in the batch; both are read, and matched by key only.
 */
public final class GeminiBatchClient implements BatchImageClient {

	/** One input file: at most 2 GB (Files API and batch mode limits). */
	static final BatchLimits LIMITS = new BatchLimits(2L * 1024 * 1024 * 1024, Integer.MAX_VALUE);

	private static final Pattern BATCH_NAME = Pattern.compile("batches/[A-Za-z0-9._-]+");

	private static final Pattern FILE_NAME = Pattern.compile("files/[A-Za-z0-9._-]+");

	private static final int PAGE_SIZE = 100;

	/** A listing longer than this many pages is not trusted to end. */
	private static final int MAX_PAGES = 1000;

	private final ProviderHttp http;

	private final GeminiEndpoints endpoints;

	private final Supplier<@Nullable String> apiKey;

	private final Duration callTimeout;

	private final Duration transferTimeout;

	private final SecretRedactor redactor;

	private final GeminiErrorClassifier errors;

	private final BatchLimits limits;

	/**
	 * @param http the provider HTTP client (its body cap is lifted for batch calls: a result file holds thousands of
	 * images and is streamed)
	 * @param properties {@code readTimeout} bounds each call, {@code batchTransferTimeout} an upload or a download
	 */
	public GeminiBatchClient(ProviderHttp http, String baseUrl, Supplier<@Nullable String> apiKey,
			ProviderProperties properties, SecretRedactor redactor) {
		this(http, baseUrl, apiKey, properties.readTimeout(), properties.batchTransferTimeout(), redactor, LIMITS);
	}

	GeminiBatchClient(ProviderHttp http, String baseUrl, Supplier<@Nullable String> apiKey, Duration callTimeout,
			Duration transferTimeout, SecretRedactor redactor, BatchLimits limits) {
		this.http = http.withoutBodyCap();
		this.endpoints = new GeminiEndpoints(baseUrl);
		this.apiKey = apiKey;
		this.callTimeout = callTimeout;
		this.transferTimeout = transferTimeout;
		this.redactor = redactor;
		this.errors = new GeminiErrorClassifier(redactor);
		this.limits = limits;
	}

	/**
	 * {@code GET models/{model}}: batchable when {@code supportedGenerationMethods} lists {@code batchGenerateContent}.
	 * A model the provider does not know (404) is "not supported", leaving the synchronous path to say more; other
	 * failures are thrown.
	 */
	@Override
	public BatchSupport support(String model) {
		HttpRequest request = request(this.endpoints.api("models/" + model), this.callTimeout).GET().build();
		try {
			Set<String> methods = this.http.exchange(request, this.callTimeout, GeminiBatchClient::readMethods,
					this.errors::classify);
			if (methods.contains("batchGenerateContent")) {
				return BatchSupport.yes();
			}
			return BatchSupport.no("model " + model + " does not list batchGenerateContent among its supported"
					+ " generation methods");
		}
		catch (SystemicFailure failure) {
			if (failure.status().startsWith("404")) {
				return BatchSupport.no("the provider does not know model " + model + " (404)");
			}
			throw failure;
		}
	}

	@Override
	public BatchLimits limits() {
		return this.limits;
	}

	/** One line per item: {@code {"key": "<key>", "request": <the synchronous call's body>}}. */
	@Override
	public BatchInput writeInput(List<BatchItem> items, Path workDirectory) {
		String model = BatchItem.modelOf(items);
		List<String> keys = new ArrayList<>();
		Map<String, ItemFailure> rejected = new LinkedHashMap<>();
		List<BatchItem> deferred = new ArrayList<>();
		try (JsonLinesWriter out = JsonLinesWriter.create(workDirectory, "gemini-batch-")) {
			for (int i = 0; i < items.size(); i++) {
				BatchItem item = items.get(i);
				try {
					GeminiRequestWriter.checkReferences(item.request());
				}
				catch (ItemFailure failure) {
					rejected.put(item.key(), failure);
					continue;
				}
				if (keys.size() == this.limits.maxRequests()) {
					deferred.addAll(items.subList(i, items.size()));
					break;
				}
				boolean fitted;
				try {
					fitted = out.append(json -> writeLine(json, item), this.limits.maxBytes());
				}
				catch (IOException | JacksonException ex) {
					rejected.put(item.key(), new ItemFailure("reference-unreadable",
							"cannot read a reference image: " + ex.getClass().getSimpleName()));
					continue;
				}
				if (!fitted && keys.isEmpty()) {
					// alone over the limit of a whole file: it would never fit in any
					rejected.put(item.key(), new ItemFailure("request-too-large",
							"the request alone is larger than a batch input file may be"));
					continue;
				}
				if (!fitted) {
					deferred.addAll(items.subList(i, items.size()));
					break;
				}
				keys.add(item.key());
			}
			long bytes = out.bytes();
			return new BatchInput(out.finish(), bytes, model, keys, rejected, deferred);
		}
	}

	private static void writeLine(JsonGenerator json, BatchItem item) throws IOException {
		json.writeStartObject();
		json.writeStringProperty("key", item.key());
		json.writeName("request");
		GeminiRequestWriter.write(item.request(), json);
		json.writeEndObject();
	}

	/**
	 * The Files API's resumable upload, as the official SDKs do it: a {@code start} call announces the size and type
	 * and answers with the session URL in {@code x-goog-upload-url}; the file then goes in 8 MiB chunks (a multiple of
	 * the announced {@code x-goog-upload-chunk-granularity}), each streamed from disk at its offset, the last one with
	 * {@code upload, finalize}. The key goes to the session URL only if it is on the configured host (the session id
	 * alone authorizes it).
	 */
	@Override
	public String upload(BatchInput input, String displayName) {
		if (input.isEmpty()) {
			throw new IllegalArgumentException("an empty batch input is not uploaded");
		}
		HttpRequest start = request(this.endpoints.upload(), this.callTimeout)
			.header("X-Goog-Upload-Protocol", "resumable")
			.header("X-Goog-Upload-Command", "start")
			.header("X-Goog-Upload-Header-Content-Length", Long.toString(input.bytes()))
			.header("X-Goog-Upload-Header-Content-Type", "application/jsonl")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(Json.object(json -> {
				json.writeName("file");
				json.writeStartObject();
				json.writeStringProperty("displayName", displayName);
				json.writeEndObject();
			})))
			.build();
		UploadSession session = this.http.exchangeWithHeaders(start, this.callTimeout, (headers, body) -> {
			body.transferTo(OutputStream.nullOutputStream());
			return UploadSession.of(headers);
		}, this.errors::classify);
		if (session == null) {
			throw new RetryableFailure("upload-url-missing", "the upload start answered without x-goog-upload-url", 200,
					null);
		}
		String name = null;
		for (long offset = 0; offset < input.bytes(); offset += session.chunk()) {
			long length = Math.min(session.chunk(), input.bytes() - offset);
			boolean last = offset + length == input.bytes();
			name = uploadChunk(session, input.file(), offset, length, last);
		}
		if (name == null || !FILE_NAME.matcher(name).matches()) {
			throw new RetryableFailure("upload-incomplete", "the upload answered without a file name", 200, null);
		}
		return name;
	}

	/** Sends one chunk; the last one's answer is the File, whose name is returned. */
	private @Nullable String uploadChunk(UploadSession session, Path file, long offset, long length, boolean last) {
		HttpRequest.Builder chunk = HttpRequest.newBuilder(session.url())
			.timeout(this.transferTimeout)
			.header("X-Goog-Upload-Command", last ? "upload, finalize" : "upload")
			.header("X-Goog-Upload-Offset", Long.toString(offset))
			.POST(HttpRequest.BodyPublishers.fromPublisher(
					HttpRequest.BodyPublishers.ofInputStream(() -> FileSlice.open(file, offset, length)), length));
		if (this.endpoints.sameOrigin(session.url())) {
			withKey(chunk);
		}
		return this.http.exchangeWithHeaders(chunk.build(), this.transferTimeout, (headers, body) -> {
			String status = headers.firstValue("x-goog-upload-status").orElse(last ? "final" : "active");
			if (!status.equals(last ? "final" : "active")) {
				body.transferTo(OutputStream.nullOutputStream());
				throw new RetryableFailure("upload-incomplete", "the upload session answered " + status + " at byte "
						+ offset, 200, null);
			}
			if (!last) {
				body.transferTo(OutputStream.nullOutputStream());
				return null;
			}
			return readFileName(body);
		}, this.errors::classify);
	}

	/**
	 * An upload session: its URL, and the chunk size, 8 MiB as the SDKs send, rounded up to the granularity the start
	 * announced.
	 */
	private record UploadSession(URI url, long chunk) {

		static final long CHUNK = 8L * 1024 * 1024;

		static @Nullable UploadSession of(HttpHeaders headers) {
			URI url = headers.firstValue("x-goog-upload-url").map(URI::create).orElse(null);
			if (url == null) {
				return null;
			}
			long granularity = headers.firstValue("x-goog-upload-chunk-granularity").map(value -> {
				try {
					return Long.parseLong(value.trim());
				}
				catch (NumberFormatException ex) {
					return CHUNK;
				}
			}).filter(value -> value > 0).orElse(CHUNK);
			return new UploadSession(url, (CHUNK + granularity - 1) / granularity * granularity);
		}

	}

	@Override
	public BatchStatus create(String model, String inputFile, String displayName) {
		requireName(FILE_NAME, inputFile);
		HttpRequest request = request(this.endpoints.api("models/" + model + ":batchGenerateContent"), this.callTimeout)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(Json.object(json -> {
				json.writeName("batch");
				json.writeStartObject();
				json.writeStringProperty("displayName", displayName);
				json.writeName("inputConfig");
				json.writeStartObject();
				json.writeStringProperty("fileName", inputFile);
				json.writeEndObject();
				json.writeEndObject();
			})))
			.build();
		return this.http.exchange(request, this.callTimeout, body -> GeminiBatchStatusReader.read(body, this.redactor),
				this.errors::classify);
	}

	@Override
	public BatchStatus get(String batchId) {
		requireName(BATCH_NAME, batchId);
		HttpRequest request = request(this.endpoints.api(batchId), this.callTimeout).GET().build();
		return this.http.exchange(request, this.callTimeout, body -> GeminiBatchStatusReader.read(body, this.redactor),
				this.errors::classify);
	}

	/** Pages through {@code GET batches} (the Gemini API takes no filter) and keeps the batches of that name. */
	@Override
	public List<BatchStatus> findByDisplayName(String displayName) {
		return BatchListing.findByDisplayName(displayName, MAX_PAGES, token -> {
			String query = "batches?pageSize=" + PAGE_SIZE
					+ (token == null ? "" : "&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
			HttpRequest request = request(this.endpoints.api(query), this.callTimeout).GET().build();
			return this.http.exchange(request, this.callTimeout,
					body -> GeminiBatchStatusReader.readPage(body, this.redactor), this.errors::classify);
		});
	}

	/** {@code POST batches/{id}:cancel} answers {@code {}}; the state afterwards comes from a get. */
	@Override
	public BatchStatus cancel(String batchId) {
		requireName(BATCH_NAME, batchId);
		HttpRequest request = request(this.endpoints.api(batchId + ":cancel"), this.callTimeout)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build();
		try {
			this.http.exchange(request, this.callTimeout, body -> {
				body.transferTo(OutputStream.nullOutputStream());
				return Boolean.TRUE;
			}, this.errors::classify);
		}
		catch (ItemFailure | SystemicFailure refused) {
			// a batch that ended meanwhile cannot be cancelled; that is not a failure of the cancel
			BatchStatus now = get(batchId);
			if (now.state().terminal()) {
				return now;
			}
			throw refused;
		}
		return get(batchId);
	}

	@Override
	public void readResults(ResultSource source, long fromIndex, Path workDirectory, BatchResultHandler handler) {
		GeminiBatchLineReader lines = new GeminiBatchLineReader(workDirectory, this.errors, this.redactor);
		JsonLines.LineReader each = (parser, index) -> BatchResultHandler.handOver(lines.read(parser, index), handler);
		switch (source.kind()) {
			case FILE -> {
				requireName(FILE_NAME, source.name());
				HttpRequest request = request(this.endpoints.download(source.name()), this.transferTimeout).GET()
					.build();
				this.http.exchange(request, this.transferTimeout, body -> JsonLines.read(body, fromIndex, each),
						this::classifyDownload);
			}
			case INLINE -> {
				requireName(BATCH_NAME, source.name());
				HttpRequest request = request(this.endpoints.api(source.name()), this.transferTimeout).GET().build();
				this.http.exchange(request, this.transferTimeout, body -> readInline(body, fromIndex, each),
						this::classifyDownload);
			}
			case ERROR_FILE -> throw new IllegalArgumentException("Gemini batches have no error file");
		}
	}

	/**
	 * Walks the batch to its inline results, which the Operation carries twice ({@code metadata.output} and
	 * {@code response}): the first list found is read, the mirror skipped unread.
	 */
	private static Long readInline(InputStream body, long fromIndex, JsonLines.LineReader each) throws IOException {
		long[] count = { -1 };
		try (JsonParser parser = Json.FACTORY.createParser(body)) {
			Json.requireObject(parser);
			Json.fields(parser, key -> {
				switch (key) {
					case "metadata" -> Json.fields(parser, field -> {
						if (field.equals("output")) {
							readInlineOutput(parser, fromIndex, each, count);
						}
						else {
							Json.skip(parser);
						}
					});
					case "response", "output" -> readInlineOutput(parser, fromIndex, each, count);
					default -> Json.skip(parser);
				}
			});
		}
		return count[0];
	}

	private static void readInlineOutput(JsonParser parser, long fromIndex, JsonLines.LineReader each, long[] count)
			throws IOException {
		Json.fields(parser, key -> {
			if (!key.equals("inlinedresponses") || count[0] >= 0) {
				Json.skip(parser);
				return;
			}
			Json.fields(parser, field -> {
				if (!field.equals("inlinedresponses") || parser.currentToken() != JsonToken.START_ARRAY) {
					Json.skip(parser);
					return;
				}
				long index = 0;
				while (parser.nextToken() != JsonToken.END_ARRAY) {
					if (index < fromIndex) {
						Json.skip(parser);
					}
					else {
						each.read(parser, index);
					}
					index++;
				}
				count[0] = index;
			});
		});
	}

	/** A result source that no longer exists cannot be read again: its products need generating anew. */
	private ProviderFailure classifyDownload(int status, HttpHeaders headers, String body) {
		if (status == 404) {
			return new ItemFailure(RESULTS_GONE, "the batch results are no longer there (404): Gemini keeps files for"
					+ " 48 hours");
		}
		return this.errors.classify(status, headers, body);
	}

	private HttpRequest.Builder request(URI uri, Duration timeout) {
		return withKey(HttpRequest.newBuilder(uri).timeout(timeout));
	}

	private HttpRequest.Builder withKey(HttpRequest.Builder builder) {
		String key = this.apiKey.get();
		if (key != null) {
			builder.header("x-goog-api-key", key);
		}
		return builder;
	}

	private static Set<String> readMethods(InputStream body) throws IOException {
		Set<String> methods = new HashSet<>();
		try (JsonParser parser = Json.FACTORY.createParser(body)) {
			Json.requireObject(parser);
			Json.fields(parser, key -> {
				if (key.equals("supportedgenerationmethods") && parser.currentToken() == JsonToken.START_ARRAY) {
					while (parser.nextToken() != JsonToken.END_ARRAY) {
						String method = Json.text(parser);
						if (method != null) {
							methods.add(method);
						}
					}
				}
				else {
					Json.skip(parser);
				}
			});
		}
		return methods;
	}

	/** The upload's answer {@code {"file": {"name": "files/abc", ...}}}. */
	private static @Nullable String readFileName(InputStream body) throws IOException {
		String[] name = new String[1];
		try (JsonParser parser = Json.FACTORY.createParser(body)) {
			Json.requireObject(parser);
			Json.fields(parser, key -> {
				if (key.equals("file")) {
					Json.fields(parser, field -> {
						if (field.equals("name")) {
							name[0] = Json.text(parser);
						}
						else {
							Json.skip(parser);
						}
					});
				}
				else {
					Json.skip(parser);
				}
			});
		}
		return name[0];
	}

	private static void requireName(Pattern pattern, String name) {
		if (!pattern.matcher(name).matches()) {
			throw new IllegalArgumentException("not a Gemini resource name of the expected kind: " + name);
		}
	}

}
