package com.catalogimage.provider.openai;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/**
 * OpenAI's Batch API with the {@code /v1/images/generations} endpoint (docs/image-api-contract.md;
 * https://developers.openai.com/api/docs/guides/batch): a JSONL file of {@code {"custom_id", "method": "POST", "url",
 * "body"}} lines uploaded with purpose {@code batch}, then {@code POST /v1/batches} with a 24 h completion window and
 * the display name in the metadata. Results are the output file and the error file, both read line by line and
 * matched by {@code custom_id}; a cancelled or expired batch still has the lines it finished.
 */
public final class OpenAiBatchClient implements BatchImageClient {

	/** One input file: at most 50,000 requests and 200 MB (openai-python {@code batch_create_params.py}). */
	static final BatchLimits LIMITS = new BatchLimits(200L * 1024 * 1024, 50_000);

	static final String ENDPOINT = "/v1/images/generations";

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");

	private static final int PAGE_SIZE = 100;

	/** A listing longer than this many pages is not trusted to end. */
	private static final int MAX_PAGES = 1000;

	private final ProviderHttp http;

	private final OpenAiEndpoints endpoints;

	private final Supplier<@Nullable String> apiKey;

	private final Duration callTimeout;

	private final Duration transferTimeout;

	private final SecretRedactor redactor;

	private final OpenAiErrorClassifier errors;

	private final BatchLimits limits;

	/**
	 * @param http the provider HTTP client (its body cap is lifted for batch calls: a result file holds thousands of
	 * images and is streamed)
	 * @param properties {@code readTimeout} bounds each call, {@code batchTransferTimeout} an upload or a download
	 */
	public OpenAiBatchClient(ProviderHttp http, String baseUrl, Supplier<@Nullable String> apiKey,
			ProviderProperties properties, SecretRedactor redactor) {
		this(http, baseUrl, apiKey, properties.readTimeout(), properties.batchTransferTimeout(), redactor, LIMITS,
				Clock.systemUTC());
	}

	OpenAiBatchClient(ProviderHttp http, String baseUrl, Supplier<@Nullable String> apiKey, Duration callTimeout,
			Duration transferTimeout, SecretRedactor redactor, BatchLimits limits, Clock clock) {
		this.http = http.withoutBodyCap();
		this.endpoints = new OpenAiEndpoints(baseUrl);
		this.apiKey = apiKey;
		this.callTimeout = callTimeout;
		this.transferTimeout = transferTimeout;
		this.redactor = redactor;
		this.errors = new OpenAiErrorClassifier(redactor, clock);
		this.limits = limits;
	}

	/** No call: OpenAI has no per-model flag for it, so the rule is {@link OpenAiModel#batchEligible}. */
	@Override
	public BatchSupport support(String model) {
		if (OpenAiModel.batchEligible(model)) {
			return BatchSupport.yes();
		}
		return BatchSupport.no("OpenAI's Batch API takes gpt-image-1, gpt-image-1-mini, gpt-image-1.5 and"
				+ " chatgpt-image-latest only, not " + model);
	}

	@Override
	public BatchLimits limits() {
		return this.limits;
	}

	/**
	 * One line per item: {@code {"custom_id": "<key>", "method": "POST", "url": "/v1/images/generations", "body": <the
	 * synchronous call's body>}}.
	 */
	@Override
	public BatchInput writeInput(List<BatchItem> items, Path workDirectory) {
		String model = BatchItem.modelOf(items);
		OpenAiModel family = OpenAiModel.of(model);
		List<String> keys = new ArrayList<>();
		Map<String, ItemFailure> rejected = new LinkedHashMap<>();
		List<BatchItem> deferred = new ArrayList<>();
		try (JsonLinesWriter out = JsonLinesWriter.create(workDirectory, "openai-batch-")) {
			for (int i = 0; i < items.size(); i++) {
				BatchItem item = items.get(i);
				String size;
				try {
					size = OpenAiRequestWriter.size(item.request(), family);
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
					fitted = out.append(json -> writeLine(json, item, family, size), this.limits.maxBytes());
				}
				catch (IOException ex) {
					throw new IllegalStateException("writing a prompt cannot fail but for the disk", ex);
				}
				if (!fitted && keys.isEmpty()) {
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

	private static void writeLine(JsonGenerator json, BatchItem item, OpenAiModel family, String size) {
		json.writeStartObject();
		json.writeStringProperty("custom_id", item.key());
		json.writeStringProperty("method", "POST");
		json.writeStringProperty("url", ENDPOINT);
		json.writeName("body");
		OpenAiRequestWriter.write(item.request(), family, size, json);
		json.writeEndObject();
	}

	/** {@code POST /v1/files}, multipart with {@code purpose=batch}; the file part is streamed from disk. */
	@Override
	public String upload(BatchInput input, String displayName) {
		String boundary = "catalog-image-batch-" + UUID.randomUUID();
		String fileName = displayName.replaceAll("[^A-Za-z0-9._-]", "_") + ".jsonl";
		String head = "--" + boundary + "\r\n" + "Content-Disposition: form-data; name=\"purpose\"\r\n\r\n" + "batch\r\n"
				+ "--" + boundary + "\r\n" + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\n" + "Content-Type: application/jsonl\r\n\r\n";
		String tail = "\r\n--" + boundary + "--\r\n";
		HttpRequest.BodyPublisher file;
		try {
			file = HttpRequest.BodyPublishers.ofFile(input.file());
		}
		catch (FileNotFoundException ex) {
			throw new IllegalStateException("the batch input file " + input.file() + " is gone", ex);
		}
		HttpRequest request = request(this.endpoints.api("files"), this.transferTimeout)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.concat(
					HttpRequest.BodyPublishers.ofString(head, StandardCharsets.UTF_8), file,
					HttpRequest.BodyPublishers.ofString(tail, StandardCharsets.UTF_8)))
			.build();
		String id = this.http.exchange(request, this.transferTimeout, OpenAiBatchClient::readId, this.errors::classify);
		if (id == null || !ID.matcher(id).matches()) {
			throw new RetryableFailure("upload-incomplete", "the upload answered without a file id", 200, null);
		}
		return id;
	}

	@Override
	public BatchStatus create(String model, String inputFile, String displayName) {
		requireId(inputFile);
		HttpRequest request = request(this.endpoints.api("batches"), this.callTimeout)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(Json.object(json -> {
				json.writeStringProperty("input_file_id", inputFile);
				json.writeStringProperty("endpoint", ENDPOINT);
				json.writeStringProperty("completion_window", "24h");
				json.writeName("metadata");
				json.writeStartObject();
				json.writeStringProperty(OpenAiBatchStatusReader.DISPLAY_NAME, displayName);
				json.writeEndObject();
			})))
			.build();
		return this.http.exchange(request, this.callTimeout, body -> OpenAiBatchStatusReader.read(body, this.redactor),
				this.errors::classify);
	}

	@Override
	public BatchStatus get(String batchId) {
		requireId(batchId);
		HttpRequest request = request(this.endpoints.api("batches/" + batchId), this.callTimeout).GET().build();
		return this.http.exchange(request, this.callTimeout, body -> OpenAiBatchStatusReader.read(body, this.redactor),
				this.errors::classify);
	}

	/** Pages through {@code GET /v1/batches} with the {@code after} cursor; the name is in the metadata. */
	@Override
	public List<BatchStatus> findByDisplayName(String displayName) {
		return BatchListing.findByDisplayName(displayName, MAX_PAGES, after -> {
			String query = "batches?limit=" + PAGE_SIZE
					+ (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
			HttpRequest request = request(this.endpoints.api(query), this.callTimeout).GET().build();
			return this.http.exchange(request, this.callTimeout,
					body -> OpenAiBatchStatusReader.readPage(body, this.redactor), this.errors::classify);
		});
	}

	/** {@code POST /v1/batches/{id}/cancel} answers with the batch, now {@code cancelling} (or already ended). */
	@Override
	public BatchStatus cancel(String batchId) {
		requireId(batchId);
		HttpRequest request = request(this.endpoints.api("batches/" + batchId + "/cancel"), this.callTimeout)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		try {
			return this.http.exchange(request, this.callTimeout,
					body -> OpenAiBatchStatusReader.read(body, this.redactor), this.errors::classify);
		}
		catch (ItemFailure | SystemicFailure refused) {
			// a batch that ended meanwhile cannot be cancelled; that is not a failure of the cancel
			BatchStatus now = get(batchId);
			if (now.state().terminal()) {
				return now;
			}
			throw refused;
		}
	}

	/** {@code GET /v1/files/{id}/content}, for the output and the error file alike. */
	@Override
	public void readResults(ResultSource source, long fromIndex, Path workDirectory, BatchResultHandler handler) {
		if (source.kind() == ResultSource.Kind.INLINE) {
			throw new IllegalArgumentException("OpenAI batches have no inline results");
		}
		requireId(source.name());
		OpenAiBatchLineReader lines = new OpenAiBatchLineReader(workDirectory, this.errors, this.redactor);
		HttpRequest request = request(this.endpoints.api("files/" + source.name() + "/content"), this.transferTimeout)
			.GET()
			.build();
		this.http.exchange(request, this.transferTimeout,
				body -> JsonLines.read(body, fromIndex, (parser, index) -> BatchResultHandler.handOver(lines.read(parser, index), handler)),
				this::classifyDownload);
	}

	private ProviderFailure classifyDownload(int status, HttpHeaders headers, String body) {
		if (status == 404) {
			return new ItemFailure(RESULTS_GONE, "the batch result file is no longer there (404)");
		}
		return this.errors.classify(status, headers, body);
	}

	private HttpRequest.Builder request(URI uri, Duration timeout) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
		String key = this.apiKey.get();
		if (key != null) {
			builder.header("Authorization", "Bearer " + key);
		}
		return builder;
	}

	/** The {@code id} of a File object. */
	private static @Nullable String readId(InputStream body) throws IOException {
		String[] id = new String[1];
		try (JsonParser parser = Json.FACTORY.createParser(body)) {
			Json.requireObject(parser);
			Json.fieldsAsSent(parser, key -> {
				if (key.equals("id")) {
					id[0] = Json.text(parser);
				}
				else {
					Json.skip(parser);
				}
			});
		}
		return id[0];
	}

	private static void requireId(String id) {
		if (!ID.matcher(id).matches()) {
			throw new IllegalArgumentException("not an OpenAI id: " + id);
		}
	}

}
