package com.catalogimage.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An answer must not cost a thread start: on two cores {@code HttpClient.sendAsync} started one per answer (its
 * completion hop to {@code CompletableFuture}'s default executor). On a machine with more cores the common pool took
 * that hop and the count below held before too.
 */
class ProviderHttpSendersTests {

	private static final int CALLS = 40;

	private HttpServer server;

	private ExecutorService serverThreads;

	private final CountDownLatch release = new CountDownLatch(1);

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/ok", exchange -> {
			exchange.getRequestBody().readAllBytes();
			byte[] body = "fine".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.createContext("/hang", exchange -> {
			try {
				this.release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.sendResponseHeaders(500, -1);
			exchange.close();
		});
		// a fixed pool: the server's own threads must not count as the client's
		this.serverThreads = Executors.newFixedThreadPool(2);
		this.server.setExecutor(this.serverThreads);
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.release.countDown();
		this.server.stop(0);
		this.serverThreads.shutdownNow();
	}

	@Test
	void answersReuseThreadsInsteadOfStartingOneEach() {
		ProviderHttp http = new ProviderHttp(ProviderHttp.newClient(Duration.ofSeconds(5)), 1024);
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		// the first call starts the client's selector, its executor and a sender, and the server's two threads
		assertThat(call(http)).isEqualTo("fine");
		long before = threads.getTotalStartedThreadCount();

		for (int i = 0; i < CALLS; i++) {
			assertThat(call(http)).isEqualTo("fine");
		}

		assertThat(threads.getTotalStartedThreadCount() - before).as("threads started over %d calls", CALLS)
			.isLessThan(CALLS / 4);
	}

	@Test
	void aFinishedCallLeavesNoDeadlineTaskBehind() {
		// given: calls whose 10 s deadline is far from passing when they end
		ProviderHttp http = new ProviderHttp(ProviderHttp.newClient(Duration.ofSeconds(5)), 1024);
		// when
		for (int i = 0; i < CALLS; i++) {
			assertThat(call(http)).isEqualTo("fine");
		}
		// then: no cancelled deadline task waits out its delay holding its call's body stream
		assertThat(ProviderHttp.pendingDeadlines()).isZero();
	}

	@Test
	void anAbandonedCallStillEndsAtOnceAsPossiblyBilled() throws Exception {
		InFlightExchanges inFlight = new InFlightExchanges();
		ProviderHttp http = new ProviderHttp(ProviderHttp.newClient(Duration.ofSeconds(5)), 1024, inFlight);
		CountDownLatch ended = new CountDownLatch(1);
		RetryableFailure[] failure = new RetryableFailure[1];
		Thread worker = new Thread(() -> {
			try {
				http.exchange(request("/hang"), Duration.ofSeconds(30), body -> "unexpected",
						(status, headers, body) -> new ItemFailure("http-" + status, body));
			}
			catch (RetryableFailure ex) {
				failure[0] = ex;
			}
			finally {
				ended.countDown();
			}
		}, "worker");
		worker.start();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.count() == 1);

		inFlight.abandonAll();

		assertThat(ended.await(10, TimeUnit.SECONDS)).as("the worker is released well before the 30 s deadline")
			.isTrue();
		assertThat(failure[0]).isNotNull();
		assertThat(failure[0].getMessage()).contains("abandoned");
	}

	private String call(ProviderHttp http) {
		return http.exchange(request("/ok"), Duration.ofSeconds(10),
				body -> new String(body.readAllBytes(), StandardCharsets.UTF_8),
				(status, headers, body) -> new ItemFailure("http-" + status, body));
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path))
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build();
	}

}
