package com.catalogimage.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * The OpenAI Batch API for {@code /v1/images/generations}: {@code POST /v1/files} (multipart, {@code purpose=batch}),
 * {@code /v1/batches} (create with {@code completion_window: 24h}, get, list with {@code after}/{@code limit}, cancel),
 * the files' metadata, content and delete. Every line is answered by the synchronous handler's code
 * ({@link BatchGeneration}). As the real API: a new batch is {@code validating}; an input it cannot take fails the
 * batch (not the create) with {@code errors}, the enqueued-token quota included; a cancel is {@code cancelling} for a
 * while; an expired or cancelled batch still returns (and bills) the lines it completed, the others in the error file
 * with {@code batch_expired} or {@code batch_cancelled}.
 */
final class OpenAiBatchSimulator implements AutoCloseable {

	// Gemini serves /v1/files/{name} and /v1/batches/{id} too: OpenAI's ids are told apart by their prefixes
	private static final Pattern FILE = Pattern.compile("^/v1/files/(file-[^/]+)$");

	private static final Pattern CONTENT = Pattern.compile("^/v1/files/(file-[^/]+)/content$");

	private static final Pattern BATCH = Pattern.compile("^/v1/batches/(batch_[^/]+)$");

	private static final Pattern CANCEL = Pattern.compile("^/v1/batches/(batch_[^/]+)/cancel$");

	/** A batch must finish within its 24 h completion window. */
	static final Duration EXPIRY = Duration.ofHours(24);

	/** Files with purpose {@code batch} expire after 30 days by default. */
	private static final Duration FILE_EXPIRY = Duration.ofDays(30);

	private static final List<String> PURPOSES = List.of("assistants", "batch", "fine-tune", "vision", "user_data",
			"evals");

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final SecureRandom IDS = new SecureRandom();

	private final OpenAiSimulatorHandler wire;

	private final SimulatorFaults faults;

	private final SimulatedBatchQueue<OpenAiSimulatorRequest> queue;

	private final BatchFileStore files = new BatchFileStore("openai");

	/** The result files of ended batches, made when first asked for. */
	private final Map<String, OpenAiBatchJson.ResultFiles> results = new ConcurrentHashMap<>();

	/** The size of result files, measured by rendering them once when their metadata is first asked for. */
	private final Map<String, Long> resultSizes = new ConcurrentHashMap<>();

	OpenAiBatchSimulator(OpenAiSimulatorHandler wire, SimulatorProperties properties, SimulatorFaults faults,
			SimulatedBatchFaults batchFaults, SimulatorStats stats, Clock clock) {
		this.wire = wire;
		this.faults = faults;
		this.queue = new SimulatedBatchQueue<>(clock, properties, batchFaults, stats,
				new BatchGeneration<>(wire, faults, batchFaults, stats, properties),
				SimulatedBatch.Unfinished.COMPLETED_LINES, EXPIRY);
	}

	/** Answers the exchange if it is one of this API's; false otherwise. */
	boolean handle(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getPath();
		Handler handler = null;
		String name = "";
		if ("POST".equals(method) && path.equals("/v1/files")) {
			handler = (ex, id) -> upload(ex);
		}
		else if ("POST".equals(method) && path.equals("/v1/batches")) {
			handler = (ex, id) -> create(ex);
		}
		else if ("GET".equals(method) && path.equals("/v1/batches") && !geminiList(exchange)) {
			handler = (ex, id) -> list(ex);
		}
		else {
			for (Endpoint endpoint : endpoints()) {
				Matcher matcher = endpoint.path().matcher(path);
				if (endpoint.method().equals(method) && matcher.matches()) {
					handler = endpoint.handler();
					name = matcher.group(1);
					break;
				}
			}
		}
		if (handler == null) {
			return false;
		}
		if (!this.wire.keyAccepted(exchange)) {
			drain(exchange);
			BatchExchanges.send(exchange, withHeaders(this.wire.invalidKey(exchange)));
			return true;
		}
		String systemic = this.faults.systemicNow();
		if (systemic != null) {
			drain(exchange);
			BatchExchanges.send(exchange, withHeaders(systemic(systemic)));
			return true;
		}
		handler.handle(exchange, name);
		return true;
	}

	/**
	 * Whether a {@code GET /v1/batches} is Gemini's list (google-genai 2.x calls {@code v1}): it carries Gemini's key
	 * or paging parameters, and no bearer token.
	 */
	private static boolean geminiList(HttpExchange exchange) {
		if (exchange.getRequestHeaders().containsKey("Authorization")) {
			return false;
		}
		Map<String, String> query = BatchExchanges.query(exchange);
		return exchange.getRequestHeaders().containsKey("x-goog-api-key") || query.containsKey("key")
				|| query.containsKey("pageSize") || query.containsKey("pageToken");
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

		void handle(HttpExchange exchange, String id) throws IOException;

	}

	private record Endpoint(String method, Pattern path, Handler handler) {

	}

	private List<Endpoint> endpoints() {
		return List.of(new Endpoint("GET", CONTENT, this::content), new Endpoint("GET", FILE, this::file),
				new Endpoint("DELETE", FILE, this::deleteFile), new Endpoint("GET", BATCH, this::get),
				new Endpoint("POST", CANCEL, this::cancel));
	}

	private void upload(HttpExchange exchange) throws IOException {
		String id = "file-" + randomId(22);
		Path target = this.files.newUpload(id);
		MultipartForm form;
		try (InputStream body = exchange.getRequestBody()) {
			form = MultipartForm.read(body, exchange.getRequestHeaders().getFirst("Content-Type"), "file", target);
		}
		catch (IllegalArgumentException | IOException ex) {
			Files.deleteIfExists(target);
			send(exchange, invalid("Could not parse multipart form: " + ex.getMessage(), null, null));
			return;
		}
		String purpose = form.fields().get("purpose");
		Reply refused = form.filename() == null ? missing("file")
				: purpose == null ? missing("purpose")
						: !PURPOSES.contains(purpose) ? invalid("Invalid value for 'purpose': '" + purpose + "'.",
								"purpose", "invalid_value") : null;
		if (refused != null) {
			Files.deleteIfExists(target);
			send(exchange, refused);
			return;
		}
		BatchFileStore.StoredFile file = new BatchFileStore.StoredFile(id, form.filename(), "application/jsonl",
				purpose, form.fileBytes(), this.queue.now(), BatchFileStore.Kind.UPLOAD, target, null);
		this.files.put(file);
		sendJson(exchange, json -> OpenAiBatchJson.file(json, file, file.bytes(), fileExpiry(file)));
	}

	private void file(HttpExchange exchange, String id) throws IOException {
		BatchFileStore.StoredFile file = this.files.get(id);
		if (file == null) {
			send(exchange, noSuchFile(id));
			return;
		}
		long bytes = file.kind() == BatchFileStore.Kind.UPLOAD ? file.bytes()
				: this.resultSizes.computeIfAbsent(id, key -> measure(file));
		sendJson(exchange, json -> OpenAiBatchJson.file(json, file, bytes, fileExpiry(file)));
	}

	private void deleteFile(HttpExchange exchange, String id) throws IOException {
		if (!this.files.delete(id)) {
			send(exchange, noSuchFile(id));
			return;
		}
		send(exchange, new Reply(200, "{\"id\":" + BatchExchanges.quote(id) + ",\"object\":\"file\",\"deleted\":true}"));
	}

	/** An upload's bytes, or a result file rendered line by line as it is sent. */
	private void content(HttpExchange exchange, String id) throws IOException {
		BatchFileStore.StoredFile file = this.files.get(id);
		if (file == null) {
			send(exchange, noSuchFile(id));
			return;
		}
		Path path = file.path();
		try (OutputStream out = BatchExchanges.stream(exchange, "application/octet-stream")) {
			if (path != null) {
				Files.copy(path, out);
			}
			else {
				writeResults(out, file);
			}
		}
	}

	private long measure(BatchFileStore.StoredFile file) {
		CountingStream counter = new CountingStream();
		try {
			writeResults(counter, file);
		}
		catch (IOException ex) {
			throw new IllegalStateException("a result file could not be rendered", ex);
		}
		return counter.count;
	}

	/**
	 * Writes a result file: the output file has the lines answered 200, the error file the others, then the lines
	 * the batch never did. Line ids are numbered over the whole batch, so they are unique across both files.
	 */
	private void writeResults(OutputStream out, BatchFileStore.StoredFile file) throws IOException {
		SimulatedBatch<OpenAiSimulatorRequest> batch = this.queue.find(String.valueOf(file.batchId()));
		if (batch == null) {
			return;
		}
		boolean errors = file.kind() == BatchFileStore.Kind.ERRORS;
		List<SimulatedBatch.Output<OpenAiSimulatorRequest>> outputs = batch.outputs();
		for (int i = 0; i < outputs.size(); i++) {
			SimulatedBatch.Output<OpenAiSimulatorRequest> output = outputs.get(i);
			if ((output.result().status() != 200) == errors) {
				OpenAiBatchJson.answerLine(out, batch.id(), i, output, batch.generation());
			}
		}
		if (errors) {
			List<BatchLine<OpenAiSimulatorRequest>> notDone = batch.notDone();
			boolean expired = batch.phase() == SimulatedBatch.Phase.EXPIRED;
			for (int i = 0; i < notDone.size(); i++) {
				OpenAiBatchJson.notDoneLine(out, batch.id(), outputs.size() + i, notDone.get(i), expired);
			}
		}
	}

	private void create(HttpExchange exchange) throws IOException {
		CreateRequest request;
		try (InputStream body = exchange.getRequestBody()) {
			request = CreateRequest.read(body);
		}
		catch (JacksonException ex) {
			send(exchange, this.wire.invalidJson(null));
			return;
		}
		Reply refused = request.refusal();
		if (refused != null) {
			send(exchange, refused);
			return;
		}
		BatchFileStore.StoredFile input = this.files.get(request.inputFileId());
		if (input == null || input.path() == null) {
			send(exchange, invalid("No such File object: " + request.inputFileId(), "input_file_id", null));
			return;
		}
		if (!"batch".equals(input.purpose())) {
			send(exchange, invalid("The input file must have purpose 'batch', not '" + input.purpose() + "'.",
					"input_file_id", "invalid_value"));
			return;
		}
		List<BatchLine<OpenAiSimulatorRequest>> lines = new ArrayList<>();
		BatchFailure failure = readInput(input.path(), lines);
		String model = lines.stream()
			.map(BatchLine::request)
			.filter(Objects::nonNull)
			.map(OpenAiSimulatorRequest::model)
			.findFirst()
			.orElse("");
		if (failure == null) {
			failure = refusal(lines, model);
		}
		SimulatedBatch<OpenAiSimulatorRequest> batch = this.queue.create("batch_" + hexId(), model, "",
				input.id(), request.metadata(), failure == null ? lines : List.of(), failure);
		sendBatch(exchange, batch);
	}

	/**
	 * A model not offered for batch, then the enqueued-token quota: both fail the batch after the create was
	 * accepted, as OpenAI reports them ({@code token_limit_exceeded} is the real code and message; the unsupported
	 * model's code is the simulator's own).
	 */
	private @Nullable BatchFailure refusal(List<BatchLine<OpenAiSimulatorRequest>> lines, String model) {
		for (BatchLine<OpenAiSimulatorRequest> line : lines) {
			OpenAiSimulatorRequest request = line.request();
			if (request != null && this.queue.faults().unsupported(request.model())) {
				return new BatchFailure("model_not_supported", null,
						"The model '" + request.model() + "' is not supported by the Batch API.", "body.model");
			}
		}
		if (this.queue.overQuota()) {
			return new BatchFailure("token_limit_exceeded", null, "Enqueued token limit reached for " + model
					+ " in organization org-simulator. Limit: 2,000,000 enqueued tokens. Please try again once some "
					+ "in_progress batches have been completed.", null);
		}
		return null;
	}

	/**
	 * Reads the JSONL input, one {@code {"custom_id", "method", "url", "body"}} per line. What the API refuses for
	 * the whole batch (a line that is not JSON, no or a repeated {@code custom_id}, another URL than the batch's
	 * endpoint, an empty file) is returned; a body the sync path would refuse fails only its line.
	 */
	private @Nullable BatchFailure readInput(Path input, List<BatchLine<OpenAiSimulatorRequest>> lines) {
		Set<String> ids = new HashSet<>();
		try (JsonParser parser = Json.FACTORY.createParser(input.toFile())) {
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				int number = lines.size() + 1;
				if (token != JsonToken.START_OBJECT) {
					return notJson(number);
				}
				InputLine line = InputLine.read(parser, this.wire);
				if (line.customId() == null) {
					return new BatchFailure("missing_required_parameter", number,
							"Missing required parameter: 'custom_id'.", "custom_id");
				}
				if (!ids.add(line.customId())) {
					return new BatchFailure("duplicate_custom_id", number, "The custom_id for this request is a "
							+ "duplicate of another request. The custom_id parameter must be unique for each request "
							+ "in a batch.", "custom_id");
				}
				if (!OpenAiBatchJson.ENDPOINT.equals(line.url())) {
					return new BatchFailure("invalid_url", number,
							"The URL provided for this request does not match the batch endpoint.", "url");
				}
				lines.add(line.line());
			}
		}
		catch (JacksonException ex) {
			return notJson(lines.size() + 1);
		}
		return lines.isEmpty() ? new BatchFailure("empty_file", null, "The batch input file is empty.", null) : null;
	}

	private static BatchFailure notJson(int line) {
		return new BatchFailure("invalid_json_line", line, "This line is not parseable as valid JSON.", null);
	}

	private void get(HttpExchange exchange, String id) throws IOException {
		SimulatedBatch<OpenAiSimulatorRequest> batch = this.queue.find(id);
		if (batch == null) {
			send(exchange, noSuchBatch(id));
			return;
		}
		sendBatch(exchange, batch);
	}

	/** {@code GET /v1/batches?after=&limit=}: newest first, {@code has_more} when a next page exists. */
	private void list(HttpExchange exchange) throws IOException {
		Map<String, String> query = BatchExchanges.query(exchange);
		int limit = 20;
		try {
			limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : 20;
		}
		catch (NumberFormatException ex) {
			limit = -1;
		}
		if (limit < 1 || limit > 100) {
			send(exchange, invalid("Invalid 'limit': integer must be between 1 and 100.", "limit", "invalid_value"));
			return;
		}
		List<SimulatedBatch<OpenAiSimulatorRequest>> all = this.queue.newestFirst();
		int from = 0;
		String after = query.get("after");
		if (after != null) {
			from = all.size();
			for (int i = 0; i < all.size(); i++) {
				if (all.get(i).id().equals(after)) {
					from = i + 1;
				}
			}
		}
		List<SimulatedBatch<OpenAiSimulatorRequest>> page = all.subList(from, Math.min(all.size(), from + limit));
		boolean more = from + limit < all.size();
		Instant now = this.queue.now();
		sendJson(exchange, json -> {
			json.writeStartObject();
			json.writeStringProperty("object", "list");
			json.writeName("data");
			json.writeStartArray();
			for (SimulatedBatch<OpenAiSimulatorRequest> batch : page) {
				writeBatch(json, batch, now);
			}
			json.writeEndArray();
			writeId(json, "first_id", page.isEmpty() ? null : page.get(0).id());
			writeId(json, "last_id", page.isEmpty() ? null : page.get(page.size() - 1).id());
			json.writeBooleanProperty("has_more", more);
			json.writeEndObject();
		});
	}

	/** Answers the batch after the cancel; one that ended already is answered as it ended. */
	private void cancel(HttpExchange exchange, String id) throws IOException {
		drain(exchange);
		SimulatedBatch<OpenAiSimulatorRequest> batch = this.queue.find(id);
		if (batch == null) {
			send(exchange, noSuchBatch(id));
			return;
		}
		batch.cancel(this.queue.now(), this.queue.cancelRaces(batch));
		sendBatch(exchange, batch);
	}

	private void sendBatch(HttpExchange exchange, SimulatedBatch<OpenAiSimulatorRequest> batch) throws IOException {
		Instant now = this.queue.now();
		sendJson(exchange, json -> writeBatch(json, batch, now));
	}

	private void writeBatch(JsonGenerator json, SimulatedBatch<OpenAiSimulatorRequest> batch, Instant now) {
		OpenAiBatchJson.batch(json, batch, resultFiles(batch), this.queue.expiresAt(batch.timeline().created()), now);
	}

	/** The output and error files of an ended batch, registered the first time they are asked for. */
	private OpenAiBatchJson.ResultFiles resultFiles(SimulatedBatch<OpenAiSimulatorRequest> batch) {
		Instant ended = batch.ended();
		if (ended == null || batch.phase() == SimulatedBatch.Phase.FAILED) {
			return OpenAiBatchJson.ResultFiles.NONE;
		}
		return this.results.computeIfAbsent(batch.id(), id -> {
			List<SimulatedBatch.Output<OpenAiSimulatorRequest>> outputs = batch.outputs();
			boolean succeeded = outputs.stream().anyMatch(output -> output.result().status() == 200);
			boolean failed = outputs.stream().anyMatch(output -> output.result().status() != 200)
					|| !batch.notDone().isEmpty();
			return new OpenAiBatchJson.ResultFiles(succeeded ? resultFile(id, "output", BatchFileStore.Kind.OUTPUT, ended) : null,
					failed ? resultFile(id, "error", BatchFileStore.Kind.ERRORS, ended) : null);
		});
	}

	private String resultFile(String batchId, String part, BatchFileStore.Kind kind, Instant created) {
		String id = "file-" + randomId(22);
		this.files.put(new BatchFileStore.StoredFile(id, batchId + "_" + part + ".jsonl", "application/jsonl",
				"batch_output", 0, created, kind, null, batchId));
		return id;
	}

	private Instant fileExpiry(BatchFileStore.StoredFile file) {
		return file.created().plus(this.queue.properties().scaled(FILE_EXPIRY));
	}

	@FunctionalInterface
	private interface JsonWriter {

		void write(JsonGenerator json) throws IOException;

	}

	private void sendJson(HttpExchange exchange, JsonWriter writer) throws IOException {
		addHeaders(exchange);
		try (OutputStream out = BatchExchanges.stream(exchange, BatchExchanges.JSON);
				JsonGenerator json = Json.FACTORY.createGenerator(out)) {
			writer.write(json);
		}
	}

	private void send(HttpExchange exchange, Reply reply) throws IOException {
		BatchExchanges.send(exchange, withHeaders(reply));
	}

	private Reply withHeaders(Reply reply) {
		return reply.withHeader("x-request-id", "req_sim" + Long.toHexString(System.nanoTime()))
			.withHeader("openai-version", "2020-10-01");
	}

	private void addHeaders(HttpExchange exchange) {
		exchange.getResponseHeaders().set("x-request-id", "req_sim" + Long.toHexString(System.nanoTime()));
		exchange.getResponseHeaders().set("openai-version", "2020-10-01");
	}

	private static Reply systemic(String status) {
		return switch (status) {
			case "403" -> new Reply(403, OpenAiErrorBodies.forbidden());
			case "404" -> new Reply(404, OpenAiErrorBodies.error("Not found.", "invalid_request_error", null, null));
			default -> new Reply(401, OpenAiErrorBodies.invalidKey(null));
		};
	}

	private static Reply noSuchFile(String id) {
		return new Reply(404, OpenAiErrorBodies.error("No such File object: " + id, "invalid_request_error", "id", null));
	}

	private static Reply noSuchBatch(String id) {
		return new Reply(404, OpenAiErrorBodies.error("No batch found with id '" + id + "'.", "invalid_request_error",
				null, null));
	}

	private static Reply missing(String param) {
		return invalid("Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
	}

	private static Reply invalid(String message, @Nullable String param, @Nullable String code) {
		return new Reply(400, OpenAiErrorBodies.error(message, "invalid_request_error", param, code));
	}

	private static void writeId(JsonGenerator json, String name, @Nullable String id) {
		if (id == null) {
			json.writeNullProperty(name);
		}
		else {
			json.writeStringProperty(name, id);
		}
	}

	private static void drain(HttpExchange exchange) throws IOException {
		exchange.getRequestBody().readAllBytes();
	}

	private static String randomId(int length) {
		StringBuilder id = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			id.append(ALPHABET.charAt(IDS.nextInt(ALPHABET.length())));
		}
		return id.toString();
	}

	private static String hexId() {
		StringBuilder id = new StringBuilder(32);
		for (int i = 0; i < 32; i++) {
			id.append(Character.forDigit(IDS.nextInt(16), 16));
		}
		return id.toString();
	}

	/** The body of {@code POST /v1/batches}, with what the API refuses at once. */
	private record CreateRequest(@Nullable String inputFileId, @Nullable String endpoint,
			@Nullable String completionWindow, Map<String, String> metadata) {

		static CreateRequest read(InputStream body) {
			String[] values = new String[3];
			Map<String, String> metadata = new LinkedHashMap<>();
			try (JsonParser parser = Json.FACTORY.createParser(body)) {
				Json.requireObject(parser);
				Json.fieldsAsSent(parser, key -> {
					switch (key) {
						case "input_file_id" -> values[0] = Json.text(parser);
						case "endpoint" -> values[1] = Json.text(parser);
						case "completion_window" -> values[2] = Json.text(parser);
						case "metadata" -> Json.fieldsAsSent(parser, name -> metadata.put(name,
								String.valueOf(Json.text(parser))));
						default -> Json.skip(parser);
					}
				});
			}
			return new CreateRequest(values[0], values[1], values[2], metadata);
		}

		@Nullable Reply refusal() {
			if (this.inputFileId == null) {
				return missing("input_file_id");
			}
			if (this.endpoint == null) {
				return missing("endpoint");
			}
			if (!OpenAiBatchJson.ENDPOINTS.contains(this.endpoint)) {
				return invalid("Invalid value: '" + this.endpoint + "'. Supported values are: '"
						+ String.join("', '", OpenAiBatchJson.ENDPOINTS) + "'.", "endpoint", "invalid_value");
			}
			if (!OpenAiBatchJson.ENDPOINT.equals(this.endpoint)) {
				return invalid("The simulator serves " + OpenAiBatchJson.ENDPOINT + " batches only.", "endpoint",
						"invalid_value");
			}
			if (this.completionWindow == null) {
				return missing("completion_window");
			}
			if (!"24h".equals(this.completionWindow)) {
				return invalid("Invalid value: '" + this.completionWindow + "'. Supported values are: '24h'.",
						"completion_window", "invalid_value");
			}
			if (this.metadata.size() > 16) {
				return invalid("Invalid 'metadata': too many properties. Expected an object with at most 16 "
						+ "properties, but got an object with " + this.metadata.size() + " properties instead.",
						"metadata", "object_above_max_properties");
			}
			return null;
		}

	}

	/** One input line: its id, URL and the line to keep (the body parsed, or its refusal). */
	private record InputLine(@Nullable String customId, @Nullable String url, BatchLine<OpenAiSimulatorRequest> line) {

		static InputLine read(JsonParser parser, OpenAiSimulatorHandler wire) {
			String[] values = new String[2];
			Object[] body = { null };
			Json.fieldsAsSent(parser, key -> {
				switch (key) {
					case "custom_id" -> values[0] = Json.text(parser);
					case "url" -> values[1] = Json.text(parser);
					case "body" -> {
						if (parser.currentToken() != JsonToken.START_OBJECT) {
							Json.skip(parser);
							body[0] = wire.invalidJson(null);
						}
						else {
							try {
								body[0] = OpenAiSimulatorRequest.read(parser);
							}
							catch (IllegalArgumentException ex) {
								body[0] = wire.invalidJson(ex.getMessage());
							}
						}
					}
					default -> Json.skip(parser);
				}
			});
			String key = values[0] == null ? "" : values[0];
			BatchLine<OpenAiSimulatorRequest> line = body[0] instanceof OpenAiSimulatorRequest request
					? BatchLine.of(key, request, request.prompt())
					: BatchLine.unreadable(key, body[0] instanceof Reply reply ? reply
							: wire.invalidJson("Missing required parameter: 'body'."));
			return new InputLine(values[0], values[1], line);
		}

	}

	/** Counts what a result file would send, to give its size. */
	private static final class CountingStream extends OutputStream {

		long count;

		@Override
		public void write(int b) {
			this.count++;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			this.count += length;
		}

	}

}
