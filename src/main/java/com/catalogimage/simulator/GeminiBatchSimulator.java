package com.catalogimage.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.catalogimage.json.Json;
import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The Gemini Batch API and what it needs around it: the Files API resumable upload
 * ({@code POST /upload/v1beta/files}, then {@code upload, finalize} to the returned URL), the model resources with
 * their {@code supportedGenerationMethods}, {@code models/{model}:batchGenerateContent} with a JSONL file or inline
 * requests, {@code batches/{id}} (get, list, {@code :cancel}) and the result file's download. Every line is answered by
 * the synchronous handler's code ({@link BatchGeneration}).
 * <p>
 * What is not the real API's documented behaviour but what users report of it, and so what a client must survive:
 * results out of order (always shuffled here), several billed outputs for one key ({@code duplicates}), small
 * file-input batches answered inline ({@code inline-below}), batches stuck in PENDING until they expire after 48 h.
 */
final class GeminiBatchSimulator implements AutoCloseable {

	private static final Pattern MODEL = Pattern.compile("^/v1(?:beta)?/models/([^/:]+)$");

	private static final Pattern CREATE = Pattern.compile("^/v1(?:beta)?/models/([^/:]+):batchGenerateContent$");

	private static final Pattern BATCH = Pattern.compile("^/v1(?:beta)?/batches/([^/:]+)$");

	private static final Pattern CANCEL = Pattern.compile("^/v1(?:beta)?/batches/([^/:]+):cancel$");

	private static final Pattern FILE = Pattern.compile("^/v1(?:beta)?/files/([^/:]+)$");

	private static final Pattern DOWNLOAD = Pattern.compile("^(?:/download)?/v1(?:beta)?/files/([^/:]+):download$");

	private static final Pattern UPLOAD = Pattern.compile("^/upload/v1(?:beta)?/files$");

	private static final Pattern MODELS = Pattern.compile("^/v1(?:beta)?/models$");

	private static final Pattern BATCHES = Pattern.compile("^/v1(?:beta)?/batches$");

	/** Batches (and uploaded files) are deleted or expire after 48 hours. */
	static final Duration EXPIRY = Duration.ofHours(48);

	/** The Files API's upload granularity, which the real start answer announces. */
	private static final String CHUNK_GRANULARITY = String.valueOf(8 * 1024 * 1024);

	private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

	private static final SecureRandom IDS = new SecureRandom();

	/** An upload begun with {@code start} and not yet finalized. */
	private record Upload(String fileId, Path path, String displayName, String mimeType, long declared,
			Instant created) {

	}

	private final GeminiSimulatorHandler wire;

	private final SimulatorFaults faults;

	private final SimulatedBatchQueue<GeminiSimulatorHandler.Call> queue;

	private final BatchFileStore files = new BatchFileStore("gemini");

	private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

	/** Batches answering inline, decided at the create. */
	private final Set<String> inline = ConcurrentHashMap.newKeySet();

	private final Supplier<String> baseUrl;

	GeminiBatchSimulator(GeminiSimulatorHandler wire, SimulatorProperties properties, SimulatorFaults faults,
			SimulatedBatchFaults batchFaults, SimulatorStats stats, Clock clock, Supplier<String> baseUrl) {
		this.wire = wire;
		this.faults = faults;
		this.baseUrl = baseUrl;
		this.queue = new SimulatedBatchQueue<>(clock, properties, batchFaults, stats,
				new BatchGeneration<>(wire, faults, batchFaults, stats, properties), SimulatedBatch.Unfinished.NOTHING,
				EXPIRY);
	}

	/** Answers the exchange if it is one of this API's; false otherwise. */
	boolean handle(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getPath();
		if ("POST".equals(method) && UPLOAD.matcher(path).matches()
				&& BatchExchanges.query(exchange).containsKey("upload_id")) {
			// the upload id is the credential of an upload's chunks, as on the real upload URL
			upload(exchange);
			return true;
		}
		Route route = route(method, path);
		if (route == null) {
			return false;
		}
		if (!this.wire.keyAccepted(exchange)) {
			BatchExchanges.send(exchange, this.wire.invalidKey(exchange));
			return true;
		}
		String systemic = this.faults.systemicNow();
		if (systemic != null) {
			BatchExchanges.send(exchange, systemic(systemic));
			return true;
		}
		route.handler().handle(exchange, route.name());
		return true;
	}

	/** Brings every batch to now (for the stats). */
	void advanceAll() {
		this.queue.advanceAll();
	}

	@Override
	public void close() {
		this.files.close();
	}

	@FunctionalInterface
	private interface Handler {

		void handle(HttpExchange exchange, String name) throws IOException;

	}

	/** A handler with the name its path gave ({@code {model}}, {@code {id}}), or none. */
	private record Route(Handler handler, String name) {

	}

	private record Endpoint(String method, Pattern path, Handler handler) {

	}

	private List<Endpoint> endpoints() {
		return List.of(new Endpoint("GET", MODEL, this::model), new Endpoint("POST", CREATE, this::create),
				new Endpoint("GET", BATCH, this::get), new Endpoint("POST", CANCEL, this::cancel),
				new Endpoint("GET", DOWNLOAD, this::download), new Endpoint("GET", FILE, this::file),
				new Endpoint("DELETE", FILE, this::deleteFile));
	}

	private @Nullable Route route(String method, String path) {
		if ("POST".equals(method) && UPLOAD.matcher(path).matches()) {
			return new Route((exchange, name) -> startUpload(exchange), "");
		}
		if ("GET".equals(method) && MODELS.matcher(path).matches()) {
			return new Route((exchange, name) -> listModels(exchange), "");
		}
		if ("GET".equals(method) && BATCHES.matcher(path).matches()) {
			return new Route((exchange, name) -> list(exchange), "");
		}
		for (Endpoint endpoint : endpoints()) {
			Matcher matcher = endpoint.path().matcher(path);
			if (endpoint.method().equals(method) && matcher.matches()) {
				return new Route(endpoint.handler(), matcher.group(1));
			}
		}
		return null;
	}

	private void startUpload(HttpExchange exchange) throws IOException {
		String protocol = exchange.getRequestHeaders().getFirst("X-Goog-Upload-Protocol");
		String command = exchange.getRequestHeaders().getFirst("X-Goog-Upload-Command");
		if (!"resumable".equalsIgnoreCase(protocol) || command == null || !command.trim().equals("start")) {
			exchange.getRequestBody().readAllBytes();
			BatchExchanges.send(exchange, invalidArgument(
					"The simulator takes resumable uploads: X-Goog-Upload-Protocol: resumable, X-Goog-Upload-Command: start."));
			return;
		}
		String[] meta = { "", "" };
		try (JsonParser parser = Json.FACTORY.createParser(exchange.getRequestBody())) {
			if (parser.nextToken() == JsonToken.START_OBJECT) {
				Json.fields(parser, key -> {
					if (!key.equals("file")) {
						Json.skip(parser);
						return;
					}
					Json.fields(parser, field -> {
						switch (field) {
							case "displayname" -> meta[0] = String.valueOf(Json.text(parser));
							case "mimetype" -> meta[1] = String.valueOf(Json.text(parser));
							default -> Json.skip(parser);
						}
					});
				});
			}
		}
		catch (JacksonException ex) {
			BatchExchanges.send(exchange, invalidArgument("Invalid JSON payload received."));
			return;
		}
		String declaredType = exchange.getRequestHeaders().getFirst("X-Goog-Upload-Header-Content-Type");
		String mimeType = declaredType != null ? declaredType : meta[1].isEmpty() ? "application/jsonl" : meta[1];
		String fileId = randomId(12);
		String uploadId = randomId(48);
		this.uploads.put(uploadId, new Upload(fileId, this.files.newUpload(fileId), meta[0], mimeType,
				declaredLength(exchange), this.queue.now()));
		String url = this.baseUrl.get() + exchange.getRequestURI().getPath() + "?upload_id=" + uploadId
				+ "&upload_protocol=resumable";
		BatchExchanges.send(exchange, new Reply(200, "").withHeader("X-Goog-Upload-URL", url)
			.withHeader("X-Goog-Upload-Control-URL", url)
			.withHeader("X-Goog-Upload-Status", "active")
			.withHeader("X-Goog-Upload-Chunk-Granularity", CHUNK_GRANULARITY));
	}

	/**
	 * A chunk of an upload ({@code upload}, with {@code finalize} on the last) at {@code X-Goog-Upload-Offset}, which
	 * must be the bytes received so far; or {@code query}, which says how many those are.
	 */
	private void upload(HttpExchange exchange) throws IOException {
		String uploadId = BatchExchanges.query(exchange).get("upload_id");
		Upload upload = this.uploads.get(uploadId);
		String command = String.valueOf(exchange.getRequestHeaders().getFirst("X-Goog-Upload-Command"));
		if (upload == null) {
			exchange.getRequestBody().readAllBytes();
			BatchExchanges.send(exchange, new Reply(404,
					GoogleErrorBodies.error(404, "NOT_FOUND", "No upload session with this upload_id.")));
			return;
		}
		long received = Files.size(upload.path());
		if (command.contains("query")) {
			exchange.getRequestBody().readAllBytes();
			BatchExchanges.send(exchange, new Reply(200, "").withHeader("X-Goog-Upload-Status", "active")
				.withHeader("X-Goog-Upload-Size-Received", String.valueOf(received)));
			return;
		}
		long offset = parseLong(exchange.getRequestHeaders().getFirst("X-Goog-Upload-Offset"), -1);
		if (!command.contains("upload") || offset != received) {
			exchange.getRequestBody().readAllBytes();
			BatchExchanges.send(exchange,
					invalidArgument("X-Goog-Upload-Offset " + offset + " does not match the " + received
							+ " bytes received; ask with X-Goog-Upload-Command: query")
						.withHeader("X-Goog-Upload-Status", "active"));
			return;
		}
		try (InputStream body = exchange.getRequestBody();
				OutputStream file = Files.newOutputStream(upload.path(), StandardOpenOption.APPEND)) {
			body.transferTo(file);
		}
		if (!command.contains("finalize")) {
			BatchExchanges.send(exchange, new Reply(200, "").withHeader("X-Goog-Upload-Status", "active"));
			return;
		}
		finalizeUpload(exchange, uploadId, upload);
	}

	private void finalizeUpload(HttpExchange exchange, String uploadId, Upload upload) throws IOException {
		long size = Files.size(upload.path());
		if (upload.declared() >= 0 && upload.declared() != size) {
			BatchExchanges.send(exchange, invalidArgument("The upload has " + size
					+ " bytes but X-Goog-Upload-Header-Content-Length announced " + upload.declared() + ".")
				.withHeader("X-Goog-Upload-Status", "active"));
			return;
		}
		this.uploads.remove(uploadId);
		BatchFileStore.StoredFile file = new BatchFileStore.StoredFile(upload.fileId(), upload.displayName(),
				upload.mimeType(), "", size, upload.created(), BatchFileStore.Kind.UPLOAD, upload.path(), null);
		this.files.put(file);
		exchange.getResponseHeaders().set("X-Goog-Upload-Status", "final");
		sendJson(exchange, json -> {
			json.writeStartObject();
			json.writeName("file");
			GeminiBatchJson.file(json, file, this.baseUrl.get(), expires(file.created()));
			json.writeEndObject();
		});
	}

	private static long declaredLength(HttpExchange exchange) {
		return parseLong(exchange.getRequestHeaders().getFirst("X-Goog-Upload-Header-Content-Length"), -1);
	}

	private void listModels(HttpExchange exchange) throws IOException {
		sendJson(exchange, json -> {
			json.writeStartObject();
			json.writeName("models");
			json.writeStartArray();
			for (SimulatedModel model : SimulatedModel.all()) {
				GeminiBatchJson.model(json, model, !this.queue.faults().unsupported(model.id()));
			}
			json.writeEndArray();
			json.writeEndObject();
		});
	}

	private void model(HttpExchange exchange, String id) throws IOException {
		SimulatedModel model = SimulatedModel.find(id).orElse(null);
		if (model == null) {
			BatchExchanges.send(exchange, new Reply(404, GoogleErrorBodies.error(404, "NOT_FOUND",
					"models/" + id + " is not found for API version " + version(exchange) + ".")));
			return;
		}
		sendJson(exchange, json -> GeminiBatchJson.model(json, model, !this.queue.faults().unsupported(id)));
	}

	private void create(HttpExchange exchange, String model) throws IOException {
		CreateRequest request;
		try (InputStream body = exchange.getRequestBody()) {
			request = CreateRequest.read(body, model);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			BatchExchanges.send(exchange, invalidArgument(ex instanceof IllegalArgumentException
					? ex.getMessage() : "Invalid JSON payload received."));
			return;
		}
		if (SimulatedModel.find(model).isEmpty() || this.queue.faults().unsupported(model)) {
			BatchExchanges.send(exchange, new Reply(404, GoogleErrorBodies.error(404, "NOT_FOUND", "models/" + model
					+ " is not found for API version " + version(exchange)
					+ ", or is not supported for batchGenerateContent. Call "
					+ "ListModels to see the list of available models and their supported methods.")));
			return;
		}
		Reply refused = refusal(model);
		if (refused != null) {
			BatchExchanges.send(exchange, refused);
			return;
		}
		List<BatchLine<GeminiSimulatorHandler.Call>> lines = request.inline();
		BatchFailure failure = null;
		String fileName = request.fileName();
		if (fileName != null) {
			BatchFileStore.StoredFile input = this.files.get(fileName);
			if (input == null || input.path() == null) {
				BatchExchanges.send(exchange, new Reply(404, GoogleErrorBodies.error(404, "NOT_FOUND",
						"File files/" + fileName + " was not found.")));
				return;
			}
			lines = new ArrayList<>();
			failure = readInput(input.path(), "files/" + fileName, model, lines);
		}
		String id = randomId(36);
		if (fileName == null || lines.size() < this.queue.faults().inlineBelow()) {
			this.inline.add(id);
		}
		sendOperation(exchange, this.queue.create(id, model, request.displayName(), fileName, Map.of(), lines, failure));
	}

	/** The enqueued-token quota fault, then the concurrent-batch limit: both 429 RESOURCE_EXHAUSTED. */
	private @Nullable Reply refusal(String model) {
		Duration hint = this.queue.properties().scaled(this.faults.retryDelay());
		// quota ids and metrics below are the simulator's own names: the real ones were not recorded
		if (this.queue.overQuota()) {
			return new Reply(429, GoogleErrorBodies.quotaExhausted("BatchEnqueuedTokensPerModelPerProject",
					"generativelanguage.googleapis.com/batch_enqueued_tokens_per_model", model, 2_000_000, hint));
		}
		int limit = this.queue.properties().batch().maxConcurrent();
		if (this.queue.unfinished() >= limit) {
			return new Reply(429, GoogleErrorBodies.quotaExhausted("BatchConcurrentRequestsPerProject",
					"generativelanguage.googleapis.com/batch_concurrent_requests", model, limit, hint));
		}
		return null;
	}

	/**
	 * Reads a JSONL input, one {@code {"key": ..., "request": {...}}} per line, into lines; a line that is not JSON or
	 * has no key fails the whole batch (returned), a request the sync path would refuse fails only its line.
	 */
	private static @Nullable BatchFailure readInput(Path input, String name, String model,
			List<BatchLine<GeminiSimulatorHandler.Call>> lines) {
		try (JsonParser parser = Json.FACTORY.createParser(input.toFile())) {
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				int lineNumber = lines.size() + 1;
				if (token != JsonToken.START_OBJECT) {
					return badLine(lineNumber, name, "is not a JSON object");
				}
				String[] key = { null };
				GeminiSimulatorRequest[] request = { null };
				Json.fields(parser, field -> {
					switch (field) {
						case "key" -> key[0] = Json.text(parser);
						case "request" -> request[0] = parser.currentToken() == JsonToken.START_OBJECT
								? GeminiSimulatorRequest.read(parser) : null;
						default -> Json.skip(parser);
					}
				});
				if (key[0] == null) {
					return badLine(lineNumber, name, "has no key");
				}
				lines.add(request[0] == null
						? BatchLine.unreadable(key[0], new Reply(400, GoogleErrorBodies.error(400, "INVALID_ARGUMENT",
								"Invalid JSON payload received. The line has no request object.")))
						: BatchLine.of(key[0], new GeminiSimulatorHandler.Call(model, "v1beta", request[0]),
								request[0].prompt()));
			}
			return lines.isEmpty() ? new BatchFailure("empty_file", null, name + " has no requests.", null) : null;
		}
		catch (JacksonException ex) {
			return badLine(lines.size() + 1, name, "is not valid JSON");
		}
	}

	private static BatchFailure badLine(int line, String file, String problem) {
		return new BatchFailure("invalid_json_line", line, "Line " + line + " of " + file + " " + problem + ".", null);
	}

	private void get(HttpExchange exchange, String id) throws IOException {
		SimulatedBatch<GeminiSimulatorHandler.Call> batch = this.queue.find(id);
		if (batch == null) {
			BatchExchanges.send(exchange, notFound());
			return;
		}
		sendOperation(exchange, batch);
	}

	/** {@code GET batches?pageSize=&pageToken=}: newest first; the token is the id the next page starts at. */
	private void list(HttpExchange exchange) throws IOException {
		Map<String, String> query = BatchExchanges.query(exchange);
		int pageSize = (int) Math.min(1000, Math.max(1, parseLong(query.get("pageSize"), 50)));
		List<SimulatedBatch<GeminiSimulatorHandler.Call>> all = this.queue.newestFirst();
		int from = 0;
		String token = query.get("pageToken");
		if (token != null && !token.isEmpty()) {
			from = indexOf(all, token);
			if (from < 0) {
				BatchExchanges.send(exchange, invalidArgument("Invalid page token."));
				return;
			}
		}
		List<SimulatedBatch<GeminiSimulatorHandler.Call>> page = all.subList(from, Math.min(all.size(), from + pageSize));
		String next = from + pageSize < all.size() ? all.get(from + pageSize).id() : null;
		Instant now = this.queue.now();
		try (OutputStream out = BatchExchanges.stream(exchange, BatchExchanges.JSON);
				JsonGenerator json = Json.FACTORY.createGenerator(out)) {
			json.writeStartObject();
			json.writeName("operations");
			json.writeStartArray();
			for (SimulatedBatch<GeminiSimulatorHandler.Call> batch : page) {
				GeminiBatchJson.operation(json, out, batch, this.inline.contains(batch.id()), now);
			}
			json.writeEndArray();
			if (next != null) {
				json.writeStringProperty("nextPageToken", next);
			}
			json.writeEndObject();
		}
	}

	/** {@code :cancel} answers {@code {}}; a batch that ended already stays as it ended. */
	private void cancel(HttpExchange exchange, String id) throws IOException {
		exchange.getRequestBody().readAllBytes();
		SimulatedBatch<GeminiSimulatorHandler.Call> batch = this.queue.find(id);
		if (batch == null) {
			BatchExchanges.send(exchange, notFound());
			return;
		}
		batch.cancel(this.queue.now(), this.queue.cancelRaces(batch));
		BatchExchanges.send(exchange, new Reply(200, "{}"));
	}

	private void file(HttpExchange exchange, String id) throws IOException {
		BatchFileStore.StoredFile file = storedOrResult(id);
		if (file == null) {
			BatchExchanges.send(exchange, notFound());
			return;
		}
		sendJson(exchange, json -> GeminiBatchJson.file(json, file, this.baseUrl.get(), expires(file.created())));
	}

	private void deleteFile(HttpExchange exchange, String id) throws IOException {
		BatchExchanges.send(exchange, this.files.delete(id) ? new Reply(200, "{}") : notFound());
	}

	/** Streams a result file, each line rendered as it is sent; without {@code alt=media} the file's resource. */
	private void download(HttpExchange exchange, String id) throws IOException {
		if (!"media".equals(BatchExchanges.query(exchange).get("alt"))) {
			file(exchange, id);
			return;
		}
		SimulatedBatch<GeminiSimulatorHandler.Call> batch = resultBatch(id);
		if (batch == null) {
			BatchFileStore.StoredFile upload = this.files.get(id);
			BatchExchanges.send(exchange, upload == null ? notFound()
					: invalidArgument("Only files generated by the service can be downloaded."));
			return;
		}
		try (OutputStream out = BatchExchanges.stream(exchange, "application/jsonl")) {
			for (SimulatedBatch.Output<GeminiSimulatorHandler.Call> output : batch.outputs()) {
				GeminiBatchJson.resultLine(out, output, batch.generation());
			}
		}
	}

	/** The batch whose result file this is, when it exists: a succeeded batch answered by file. */
	private @Nullable SimulatedBatch<GeminiSimulatorHandler.Call> resultBatch(String fileId) {
		if (!fileId.startsWith("batch-")) {
			return null;
		}
		SimulatedBatch<GeminiSimulatorHandler.Call> batch = this.queue.find(fileId.substring("batch-".length()));
		return batch != null && batch.phase() == SimulatedBatch.Phase.SUCCEEDED && !this.inline.contains(batch.id())
				? batch : null;
	}

	private BatchFileStore.@Nullable StoredFile storedOrResult(String id) {
		BatchFileStore.StoredFile stored = this.files.get(id);
		if (stored != null) {
			return stored;
		}
		SimulatedBatch<GeminiSimulatorHandler.Call> batch = resultBatch(id);
		Instant ended = batch == null ? null : batch.ended();
		return batch == null || ended == null ? null
				: new BatchFileStore.StoredFile(id, "Batch results of batches/" + batch.id(), "application/jsonl", "",
						0, ended, BatchFileStore.Kind.OUTPUT, null, batch.id());
	}

	private void sendOperation(HttpExchange exchange, SimulatedBatch<GeminiSimulatorHandler.Call> batch)
			throws IOException {
		Instant now = this.queue.now();
		boolean inlined = this.inline.contains(batch.id());
		try (OutputStream out = BatchExchanges.stream(exchange, BatchExchanges.JSON);
				JsonGenerator json = Json.FACTORY.createGenerator(out)) {
			GeminiBatchJson.operation(json, out, batch, inlined, now);
		}
	}

	@FunctionalInterface
	private interface JsonWriter {

		void write(JsonGenerator json) throws IOException;

	}

	private static void sendJson(HttpExchange exchange, JsonWriter writer) throws IOException {
		try (OutputStream out = BatchExchanges.stream(exchange, BatchExchanges.JSON);
				JsonGenerator json = Json.FACTORY.createGenerator(out)) {
			writer.write(json);
		}
	}

	private static Reply systemic(String status) {
		return switch (status) {
			case "401" -> new Reply(401, GoogleErrorBodies.unauthenticated());
			case "403" -> new Reply(403, GoogleErrorBodies.permissionDenied());
			case "404" -> notFound();
			default -> new Reply(400, GoogleErrorBodies.invalidKey());
		};
	}

	private Instant expires(Instant created) {
		return created.plus(this.queue.properties().scaled(EXPIRY));
	}

	private static int indexOf(List<? extends SimulatedBatch<?>> batches, String id) {
		for (int i = 0; i < batches.size(); i++) {
			if (batches.get(i).id().equals(id)) {
				return i;
			}
		}
		return -1;
	}

	/** The API version of the request's path: {@code v1beta}, or {@code v1} (google-genai 2.x's default). */
	private static String version(HttpExchange exchange) {
		return exchange.getRequestURI().getPath().contains("/v1beta/") ? "v1beta" : "v1";
	}

	private static Reply notFound() {
		return new Reply(404, GoogleErrorBodies.error(404, "NOT_FOUND", "Requested entity was not found."));
	}

	private static Reply invalidArgument(String message) {
		return new Reply(400, GoogleErrorBodies.error(400, "INVALID_ARGUMENT", message));
	}

	private static long parseLong(@Nullable String value, long otherwise) {
		if (value == null) {
			return otherwise;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			return otherwise;
		}
	}

	static String randomId(int length) {
		StringBuilder id = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			id.append(ALPHABET.charAt(IDS.nextInt(ALPHABET.length())));
		}
		return id.toString();
	}

	/**
	 * The body of {@code batchGenerateContent}: {@code batch.displayName} and exactly one of
	 * {@code batch.inputConfig.fileName} and {@code batch.inputConfig.requests.requests[]}
	 * ({@code {"request": {...}, "metadata": {"key": ...}}}).
	 */
	private record CreateRequest(String displayName, @Nullable String fileName,
			List<BatchLine<GeminiSimulatorHandler.Call>> inline) {

		static CreateRequest read(InputStream body, String model) {
			String[] names = { "", null };
			boolean[] inlineGiven = { false };
			List<BatchLine<GeminiSimulatorHandler.Call>> lines = new ArrayList<>();
			try (JsonParser parser = Json.FACTORY.createParser(body)) {
				Json.requireObject(parser);
				Json.fields(parser, key -> {
					if (!key.equals("batch")) {
						Json.skip(parser);
						return;
					}
					Json.fields(parser, field -> {
						switch (field) {
							case "displayname" -> names[0] = String.valueOf(Json.text(parser));
							case "inputconfig" -> Json.fields(parser, source -> {
								switch (source) {
									case "filename" -> names[1] = Json.text(parser);
									case "requests" -> {
										inlineGiven[0] = true;
										readInline(parser, model, lines);
									}
									default -> Json.skip(parser);
								}
							});
							default -> Json.skip(parser);
						}
					});
				});
			}
			String fileName = names[1];
			if ((fileName == null) == !inlineGiven[0]) {
				throw new IllegalArgumentException(
						"batch.inputConfig needs exactly one of fileName and requests.");
			}
			if (fileName != null && fileName.startsWith("files/")) {
				fileName = fileName.substring("files/".length());
			}
			if (fileName == null && lines.isEmpty()) {
				throw new IllegalArgumentException("batch.inputConfig.requests has no requests.");
			}
			return new CreateRequest(names[0], fileName, lines);
		}

		private static void readInline(JsonParser parser, String model,
				List<BatchLine<GeminiSimulatorHandler.Call>> lines) {
			Json.fields(parser, key -> {
				if (!key.equals("requests")) {
					Json.skip(parser);
					return;
				}
				Json.elements(parser, () -> {
					String[] itemKey = { "" };
					GeminiSimulatorRequest[] request = { null };
					Json.fields(parser, field -> {
						switch (field) {
							case "request" -> request[0] = parser.currentToken() == JsonToken.START_OBJECT
									? GeminiSimulatorRequest.read(parser) : null;
							case "metadata" -> Json.fields(parser, meta -> {
								if (meta.equals("key")) {
									itemKey[0] = String.valueOf(Json.text(parser));
								}
								else {
									Json.skip(parser);
								}
							});
							default -> Json.skip(parser);
						}
					});
					GeminiSimulatorRequest read = request[0] != null ? request[0]
							: new GeminiSimulatorRequest("", null, null, 0, 1, List.of());
					lines.add(BatchLine.of(itemKey[0], new GeminiSimulatorHandler.Call(model, "v1beta", read),
							read.prompt()));
				});
			});
		}

	}

}
