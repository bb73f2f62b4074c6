package com.catalogimage.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The simulator's HTTP server, bound to 127.0.0.1 only so no test or demo traffic can leave the machine. It answers
 * both wire formats at once (Gemini {@code generateContent} and OpenAI {@code images/generations}, and both Batch
 * APIs with their file uploads), serves {@code GET /_sim/stats} and {@code POST /_sim/reset}, and lets in-process
 * tests switch faults while it runs ({@link #faults()}, {@link #batchFaults()}). One thread per request, as a real
 * provider holds each connection for the whole generation.
 */
public final class SimulatorServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SimulatorServer.class);

	static {
		// The JDK server writes headers and body separately; with Nagle on, every small answer waits ~40 ms for the
		// client's delayed ACK, which would make the simulator, not the job, what tests and benchmarks measure.
		// Read once per JVM by the JDK server's configuration; must be set before the first server starts.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private final HttpServer server;

	private final ExecutorService executor;

	private final SimulatorProperties properties;

	private final SimulatorStats stats = new SimulatorStats();

	private final SimulatorFaults faults;

	private final RequestQuotas quotas;

	private final GeminiSimulatorHandler gemini;

	private final OpenAiSimulatorHandler openai;

	private final SimulatedBatchFaults batchFaults;

	private final GeminiBatchSimulator geminiBatches;

	private final OpenAiBatchSimulator openAiBatches;

	private final AtomicBoolean closed = new AtomicBoolean();

	private SimulatorServer(SimulatorProperties properties, Clock clock) throws IOException {
		this.properties = properties;
		this.faults = new SimulatorFaults(properties.seed(), properties.faults());
		this.quotas = new RequestQuotas(properties.serverRpm(), properties.serverRpd(), properties.serverWindow(),
				System::nanoTime);
		Payloads payloads = new Payloads(properties);
		this.gemini = new GeminiSimulatorHandler(properties, this.stats, this.faults, this.quotas, payloads);
		this.openai = new OpenAiSimulatorHandler(properties, this.stats, this.faults, this.quotas, payloads);
		this.batchFaults = new SimulatedBatchFaults(properties.batch());
		this.geminiBatches = new GeminiBatchSimulator(this.gemini, properties, this.faults, this.batchFaults,
				this.stats, clock, this::baseUrl);
		this.openAiBatches = new OpenAiBatchSimulator(this.openai, properties, this.faults, this.batchFaults,
				this.stats, clock);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), properties.port()), 512);
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newCachedThreadPool(runnable -> {
			Thread thread = new Thread(runnable, "simulator-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::dispatch);
	}

	/** Starts a simulator on loopback; port 0 in the properties picks a free port. */
	public static SimulatorServer start(SimulatorProperties properties) {
		return start(properties, Clock.systemUTC());
	}

	/** As {@link #start(SimulatorProperties)}, with the clock batches move by (tests move it by hand). */
	static SimulatorServer start(SimulatorProperties properties, Clock clock) {
		try {
			SimulatorServer simulator = new SimulatorServer(properties, clock);
			simulator.server.start();
			log.debug("Simulator listening on {}", simulator.baseUrl());
			return simulator;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start the simulator on 127.0.0.1:" + properties.port(), ex);
		}
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** The counters, with every batch first brought to now so what has ended by now is counted. */
	public SimulatorStats stats() {
		this.geminiBatches.advanceAll();
		this.openAiBatches.advanceAll();
		return this.stats;
	}

	/** The fault switches, changeable while the simulator runs. */
	public SimulatorFaults faults() {
		return this.faults;
	}

	/** The Batch APIs' fault switches, changeable while the simulator runs. */
	public SimulatedBatchFaults batchFaults() {
		return this.batchFaults;
	}

	/** The wire format {@code --provider simulator} talks to this simulator: {@code gemini} or {@code openai}. */
	public String wire() {
		return this.properties.wire();
	}

	/** Changes the server-side limits (0 = unlimited) and starts their counts afresh. */
	public void setServerLimits(int rpm, int rpd) {
		this.quotas.setLimits(rpm, rpd);
		this.quotas.reset();
	}

	/** Clears the counters, the quota windows and every fault ({@code POST /_sim/reset}); limits stay as set. */
	public void reset() {
		this.stats.reset();
		this.quotas.reset();
		this.faults.clear();
		this.batchFaults.clear();
	}

	private void dispatch(HttpExchange exchange) throws IOException {
		try (exchange) {
			// OpenAI's first: it claims only its own ids on the paths both APIs use
			if (this.openAiBatches.handle(exchange) || this.geminiBatches.handle(exchange)) {
				return;
			}
			String path = exchange.getRequestURI().getPath();
			Matcher gemini = GeminiSimulatorHandler.PATH.matcher(path);
			String method = exchange.getRequestMethod();
			if ("POST".equals(method) && gemini.matches()) {
				this.gemini.handle(exchange, gemini.group(1));
			}
			else if ("POST".equals(method) && path.equals(OpenAiSimulatorHandler.PATH)) {
				this.openai.handle(exchange, null);
			}
			else if ("GET".equals(method) && path.equals("/_sim/stats")) {
				send(exchange, 200, SimulatorStatsJson.write(stats()));
			}
			else if ("POST".equals(method) && path.equals("/_sim/reset")) {
				exchange.getRequestBody().readAllBytes();
				reset();
				send(exchange, 200, "{\"reset\":true}");
			}
			else {
				send(exchange, 404, GoogleErrorBodies.error(404, "NOT_FOUND", "no such endpoint: " + path));
			}
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Simulator exchange ended early: {}", ex.toString());
			throw ex;
		}
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.server.stop(0);
		this.executor.shutdownNow();
		this.geminiBatches.close();
		this.openAiBatches.close();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
