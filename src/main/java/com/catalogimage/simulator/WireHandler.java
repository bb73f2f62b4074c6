package com.catalogimage.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * What both simulated wire formats share, in the order a provider decides: parse, key, systemic fault, validation,
 * quotas (daily, then the sliding minute), injected faults, latency, safety block, then the answer. The subclasses
 * say how each outcome looks on their wire.
 *
 * @param <R> the parsed request
 */
abstract class WireHandler<R> {

	private static final Logger log = LoggerFactory.getLogger(WireHandler.class);

	private static final Pattern PRODUCT_NAME = Pattern.compile("(?i)photo of (.+?)(?::|\\.|$)");

	protected final SimulatorProperties properties;

	protected final SimulatorStats stats;

	protected final SimulatorFaults faults;

	protected final RequestQuotas quotas;

	protected final Payloads payloads;

	private final LatencyModel latency;

	WireHandler(SimulatorProperties properties, SimulatorStats stats, SimulatorFaults faults, RequestQuotas quotas,
			Payloads payloads) {
		this.properties = properties;
		this.stats = stats;
		this.faults = faults;
		this.quotas = quotas;
		this.payloads = payloads;
		this.latency = new LatencyModel(properties);
	}

	/** @param pathModel the model named in the path (Gemini), or null when the body names it (OpenAI) */
	final void handle(HttpExchange exchange, @Nullable String pathModel) throws IOException {
		long start = System.nanoTime();
		R request;
		try {
			request = parse(exchange, pathModel);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			this.stats.requestStarted("");
			try {
				send(exchange, invalidJson(ex.getMessage()));
			}
			finally {
				this.stats.requestEnded("", System.nanoTime() - start);
			}
			return;
		}
		String prompt = prompt(request);
		this.stats.requestStarted(prompt);
		try {
			answer(exchange, request, prompt);
		}
		finally {
			this.stats.requestEnded(prompt, System.nanoTime() - start);
		}
	}

	private void answer(HttpExchange exchange, R request, String prompt) throws IOException {
		if (!keyAccepted(exchange)) {
			send(exchange, invalidKey(exchange));
			return;
		}
		String systemic = this.faults.systemicNow();
		if (systemic != null) {
			this.stats.fault("systemic");
			send(exchange, systemic(systemic, request));
			return;
		}
		Reply invalid = validate(request);
		if (invalid != null) {
			send(exchange, invalid);
			return;
		}
		RequestQuotas.Verdict verdict = this.quotas.admit();
		if (verdict.daily()) {
			send(exchange, dailyQuota(request));
			return;
		}
		if (verdict.retryIn() != null) {
			send(exchange, minuteQuota(request, verdict.retryIn()));
			return;
		}
		SimulatorFaults.Fault fault = this.faults.draw(prompt, this.stats.requestsFor(prompt));
		switch (fault) {
			case RATE_LIMITED -> {
				this.stats.fault("429");
				send(exchange, rateLimited(request, this.properties.scaled(this.faults.retryDelay())));
				return;
			}
			case INTERNAL -> {
				this.stats.fault("500");
				send(exchange, internalError());
				return;
			}
			case OVERLOADED -> {
				this.stats.fault("503");
				send(exchange, overloaded());
				return;
			}
			case TIMEOUT -> {
				this.stats.fault("timeout");
				if (sleep(this.faults.timeoutDelay())) {
					send(exchange, deadlineExceeded());
				}
				return;
			}
			default -> {
				// the answer is produced below
			}
		}
		if (!sleep(this.latency.sample(sizeKey(request), prompt, this.stats.requestsFor(prompt)))) {
			return;
		}
		if (this.faults.blocks(prompt)) {
			this.stats.fault("blocked");
			send(exchange, blocked(request, prompt));
			return;
		}
		if (fault == SimulatorFaults.Fault.NO_IMAGE) {
			this.stats.fault("no-image");
			send(exchange, noImage(request, prompt));
			return;
		}
		if (fault == SimulatorFaults.Fault.MALFORMED) {
			this.stats.fault("malformed");
			send(exchange, new Reply(200, malformedBody()));
			return;
		}
		boolean blank = this.faults.blanks(prompt);
		if (blank) {
			this.stats.fault("blank");
		}
		if (fault == SimulatorFaults.Fault.TRUNCATED) {
			this.stats.fault("truncated");
			sendTruncated(exchange, request, prompt, blank);
			return;
		}
		addHeaders(exchange, 200);
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
		exchange.sendResponseHeaders(200, 0);
		this.stats.responded(200);
		// counted before the body ends: a client that has read it may read the stats at once
		this.stats.generated(prompt);
		try (OutputStream out = exchange.getResponseBody()) {
			writeSuccess(out, request, prompt, blank);
		}
	}

	/**
	 * Announces the whole body, sends half of it and drops the connection: the client sees a body that ends early.
	 * The image was generated (and would have been billed) all the same.
	 */
	private void sendTruncated(HttpExchange exchange, R request, String prompt, boolean blank) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		writeSuccess(body, request, prompt, blank);
		byte[] bytes = body.toByteArray();
		addHeaders(exchange, 200);
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
		exchange.sendResponseHeaders(200, bytes.length);
		this.stats.responded(200);
		this.stats.generated(prompt);
		OutputStream out = exchange.getResponseBody();
		out.write(bytes, 0, bytes.length / 2);
		out.flush();
		throw new IOException("body truncated on purpose (fault injection)");
	}

	final void send(HttpExchange exchange, Reply reply) throws IOException {
		this.stats.responded(reply.status());
		addHeaders(exchange, reply.status());
		reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
		exchange.sendResponseHeaders(reply.status(), bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/** The text of the product on the "small" image: the name in a templated prompt, else the prompt's start. */
	static String label(String prompt) {
		Matcher matcher = PRODUCT_NAME.matcher(prompt);
		String label = matcher.find() ? matcher.group(1) : prompt;
		return label.length() > 72 ? label.substring(0, 72) : label;
	}

	/** Sleeps interruptibly; false when interrupted (the simulator is closing), and the exchange is then abandoned. */
	private static boolean sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
			return true;
		}
		catch (InterruptedException ex) {
			log.debug("Simulated wait interrupted: the simulator is closing");
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** A 200 body that starts like this wire's answer and is not valid JSON. */
	abstract String malformedBody();

	/** Reads the request's body (and, where the wire puts something there, its path). */
	abstract R parse(HttpExchange exchange, @Nullable String pathModel);

	abstract String prompt(R request);

	/** Size key of the latency model: 512, 1K, 2K or 4K. */
	abstract String sizeKey(R request);

	abstract boolean keyAccepted(HttpExchange exchange);

	/** Headers every answer of this wire carries (request ids, rate-limit headers). */
	abstract void addHeaders(HttpExchange exchange, int status);

	abstract Reply invalidJson(@Nullable String detail);

	abstract Reply invalidKey(HttpExchange exchange);

	abstract Reply systemic(String status, R request);

	/** Null when the request is valid for its model. */
	abstract @Nullable Reply validate(R request);

	abstract Reply dailyQuota(R request);

	abstract Reply minuteQuota(R request, Duration wait);

	abstract Reply rateLimited(R request, Duration retryDelay);

	abstract Reply internalError();

	abstract Reply overloaded();

	abstract Reply deadlineExceeded();

	abstract Reply blocked(R request, String prompt);

	abstract Reply noImage(R request, String prompt);

	abstract void writeSuccess(OutputStream out, R request, String prompt, boolean blank) throws IOException;

}
