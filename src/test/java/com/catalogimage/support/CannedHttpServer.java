package com.catalogimage.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A scripted HTTP server on loopback for client tests: answers are queued in order, and requests are recorded so
 * tests can verify what was sent ("script the mocks, run the code, verify the requests").
 */
public final class CannedHttpServer implements AutoCloseable {

	/** One scripted answer; {@code truncateAfter} cuts the body after that many bytes (-1 for the whole body). */
	public record Answer(int status, Map<String, String> headers, byte[] body, int truncateAfter) {

		public static Answer json(int status, String body) {
			return new Answer(status, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8),
					-1);
		}

		public Answer withHeader(String name, String value) {
			Map<String, String> all = new java.util.HashMap<>(this.headers);
			all.put(name, value);
			return new Answer(this.status, all, this.body, this.truncateAfter);
		}

		public Answer truncatedAfter(int bytes) {
			return new Answer(this.status, this.headers, this.body, bytes);
		}

	}

	/** A request as the server received it. */
	public record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {

		public String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter(entry -> entry.getKey().equalsIgnoreCase(name))
				.map(entry -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

	private final HttpServer server;

	private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

	private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

	/**
	 * Starts the server on a free loopback port. Failing to bind is unchecked, so that a test can start one in a field
	 * initializer and stop it with {@code @AutoClose}.
	 */
	public CannedHttpServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/", exchange -> {
			try (exchange) {
				this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
						Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes()));
				Answer answer = this.answers.poll();
				if (answer == null) {
					answer = Answer.json(500, "{\"error\":{\"code\":500,\"message\":\"no scripted answer\"}}");
				}
				answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
				if (answer.truncateAfter() >= 0) {
					exchange.sendResponseHeaders(answer.status(), answer.body().length);
					OutputStream out = exchange.getResponseBody();
					out.write(answer.body(), 0, answer.truncateAfter());
					out.flush();
					// the connection closes without the rest of the promised body
					throw new IOException("truncated on purpose");
				}
				exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(answer.body());
				}
			}
		});
		this.server.start();
	}

	public CannedHttpServer enqueue(Answer answer) {
		this.answers.add(answer);
		return this;
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public List<Received> received() {
		return List.copyOf(this.received);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
