package com.catalogimage.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.catalogimage.json.Json;
import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.simulator.SimulatorStats;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The simulator a benchmark measures against: started in this JVM (the default: one command, and the simulator's CPU
 * is counted apart), or a {@code simulate} process reached over loopback, so that the measured JVM's heap and RSS are
 * the job's alone.
 */
interface BenchSimulator extends AutoCloseable {

	/**
	 * What the simulator counted since its last reset.
	 *
	 * @param meanServiceMs mean time from a request's arrival to the end of its answer
	 * @param maxInFlight the most requests in flight at once
	 */
	record Counts(long requests, double meanServiceMs, long rateLimited, int maxInFlight) {
	}

	String baseUrl();

	/** Clears the counters and the request quotas before a run. */
	void reset();

	Counts counts();

	/**
	 * Per prompt, how long the simulator took over its last request, from its arrival to the end of its answer, in
	 * nanoseconds: for a generated product, the call that delivered its image.
	 */
	Map<String, Long> serviceNanosByPrompt();

	@Override
	void close();

	static BenchSimulator inProcess(SimulatorServer server) {
		return new BenchSimulator() {

			@Override
			public String baseUrl() {
				return server.baseUrl();
			}

			@Override
			public void reset() {
				server.reset();
			}

			@Override
			public Counts counts() {
				SimulatorStats stats = server.stats();
				return new Counts(stats.requests(), stats.meanServiceMillis(), stats.rateLimited(),
						stats.maxInFlight());
			}

			@Override
			public Map<String, Long> serviceNanosByPrompt() {
				return server.stats().lastServiceNanosByPrompt();
			}

			@Override
			public void close() {
				server.close();
			}

		};
	}

	/** A running simulator at {@code baseUrl}, driven through {@code POST /_sim/reset} and {@code GET /_sim/stats}. */
	static BenchSimulator remote(String baseUrl) {
		return new Remote(baseUrl.replaceAll("/+$", ""));
	}

	/** Another process's simulator; its settings (latency, payload, limits) are that process's. */
	final class Remote implements BenchSimulator {

		private final String baseUrl;

		private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

		private Remote(String baseUrl) {
			this.baseUrl = baseUrl;
		}

		@Override
		public String baseUrl() {
			return this.baseUrl;
		}

		@Override
		public void reset() {
			try (InputStream body = send(HttpRequest.newBuilder(URI.create(this.baseUrl + "/_sim/reset"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build())) {
				body.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public Counts counts() {
			long requests = 0;
			double mean = 0;
			long rateLimited = 0;
			int maxInFlight = 0;
			try (InputStream body = send(HttpRequest.newBuilder(URI.create(this.baseUrl + "/_sim/stats")).build());
					JsonParser json = Json.FACTORY.createParser(body)) {
				json.nextToken();
				while (json.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = json.currentName();
					json.nextToken();
					switch (name) {
						case "requests" -> requests = json.getValueAsLong();
						case "meanServiceMillis" -> mean = json.getValueAsDouble();
						case "rateLimited" -> rateLimited = json.getValueAsLong();
						case "maxInFlight" -> maxInFlight = json.getValueAsInt();
						default -> Json.skip(json);
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return new Counts(requests, mean, rateLimited, maxInFlight);
		}

		@Override
		public Map<String, Long> serviceNanosByPrompt() {
			Map<String, Long> nanos = new HashMap<>();
			try (InputStream body = send(HttpRequest.newBuilder(URI.create(this.baseUrl + "/_sim/stats")).build());
					JsonParser json = Json.FACTORY.createParser(body)) {
				json.nextToken();
				while (json.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = json.currentName();
					json.nextToken();
					if (!"lastServiceNanosByPrompt".equals(name)) {
						Json.skip(json);
						continue;
					}
					while (json.nextToken() == JsonToken.PROPERTY_NAME) {
						String prompt = json.currentName();
						json.nextToken();
						nanos.put(prompt, json.getValueAsLong());
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return nanos;
		}

		private InputStream send(HttpRequest request) {
			try {
				HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
				if (response.statusCode() != 200) {
					response.body().close();
					throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
				}
				return response.body();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot reach the simulator at " + this.baseUrl, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
		}

		@Override
		public void close() {
			// the other process owns it
		}

	}

}
