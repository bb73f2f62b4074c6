package com.catalogimage.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * One HTTP exchange with a provider over the JDK {@link HttpClient}: the body is read as a stream under a size cap and
 * a whole-call deadline, and transport problems become {@link RetryableFailure}s that say whether the request may have
 * been billed. What the body means is left to the wire-format reader passed in.
 */
public final class ProviderHttp {

	/** Reads a 2xx body. */
	@FunctionalInterface
	public interface SuccessReader<T> {

		T read(InputStream body) throws IOException;

	}

	/** Reads a 2xx answer whose headers matter too (an upload session's URL comes in a header). */
	@FunctionalInterface
	public interface ResponseReader<T> {

		T read(HttpHeaders headers, InputStream body) throws IOException;

	}

	/** Turns a non-2xx answer into a failure. */
	@FunctionalInterface
	public interface ErrorClassifier {

		ProviderFailure classify(int status, HttpHeaders headers, String body);

	}

	private static final int MAX_ERROR_BODY = 1 << 20;

	/**
	 * Closes a body still being read at its call's deadline. A cancelled task leaves the queue at once: by default a
	 * {@link ScheduledThreadPoolExecutor} keeps it until its delay (the deadline, minutes) has passed, and each one
	 * holds its call's body stream: 28,000 were queued after 90 s at ~12,000 calls a minute (docs/BENCHMARKS.md,
	 * "Heap: 100,000 products against 2,000").
	 */
	private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

	private static ScheduledThreadPoolExecutor watchdog() {
		ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, runnable -> {
			Thread thread = new Thread(runnable, "provider-call-deadline");
			thread.setDaemon(true);
			return thread;
		});
		watchdog.setRemoveOnCancelPolicy(true);
		return watchdog;
	}

	/** Deadline tasks still queued: one per call whose body is being read, none once the calls have ended. */
	static int pendingDeadlines() {
		return WATCHDOG.getQueue().size();
	}

	/** Threads that wait for an answer's headers ({@link #sendOnSender}): reused, daemon, idle ones end after 60 s. */
	private static final ExecutorService SENDERS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
			new SynchronousQueue<>(), new ThreadFactory() {

				private final AtomicInteger count = new AtomicInteger();

				@Override
				public Thread newThread(Runnable runnable) {
					Thread thread = new Thread(runnable, "provider-http-" + this.count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				}

			});

	private final HttpClient client;

	private final long maxBodyBytes;

	private final InFlightExchanges inFlight;

	public ProviderHttp(HttpClient client, long maxBodyBytes, InFlightExchanges inFlight) {
		this.client = client;
		this.maxBodyBytes = maxBodyBytes;
		this.inFlight = inFlight;
	}

	public ProviderHttp(HttpClient client, long maxBodyBytes) {
		this(client, maxBodyBytes, new InFlightExchanges());
	}

	/**
	 * The same client without the cap on a body's size, for a batch's result files: they hold thousands of images by
	 * design and are read as a stream, never held.
	 */
	public ProviderHttp withoutBodyCap() {
		return new ProviderHttp(this.client, Long.MAX_VALUE, this.inFlight);
	}

	public static HttpClient newClient(Duration connectTimeout) {
		return HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	public <T> T exchange(HttpRequest request, Duration deadline, SuccessReader<T> reader, ErrorClassifier errors) {
		return exchangeWithHeaders(request, deadline, (headers, body) -> reader.read(body), errors);
	}

	public <T> T exchangeWithHeaders(HttpRequest request, Duration deadline, ResponseReader<T> reader,
			ErrorClassifier errors) {
		try (InFlightExchanges.Exchange exchange = this.inFlight.open()) {
			return exchange(request, deadline, reader, errors, exchange);
		}
	}

	private <T> T exchange(HttpRequest request, Duration deadline, ResponseReader<T> reader, ErrorClassifier errors,
			InFlightExchanges.Exchange exchange) {
		HttpResponse<InputStream> response = send(request, deadline, exchange);
		AtomicBoolean expired = new AtomicBoolean();
		InputStream raw = response.body();
		exchange.reading(raw);
		ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
			expired.set(true);
			closeQuietly(raw);
		}, deadline.toMillis(), TimeUnit.MILLISECONDS);
		try (InputStream body = new CappedInputStream(raw, this.maxBodyBytes)) {
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				return reader.read(response.headers(), body);
			}
			throw errors.classify(status, response.headers(), readErrorBody(body));
		}
		catch (CappedInputStream.BodyTooLargeException ex) {
			throw new ItemFailure("response-too-large", ex.getMessage());
		}
		catch (IOException | JacksonException ex) {
			LocalWriteException local = localWriteIn(ex);
			if (local != null) {
				throw local;
			}
			if (ex instanceof JacksonException jackson && jackson.getCause() instanceof CappedInputStream.BodyTooLargeException tooLarge) {
				throw new ItemFailure("response-too-large", tooLarge.getMessage());
			}
			if (exchange.abandoned()) {
				throw abandoned();
			}
			if (expired.get()) {
				throw new RetryableFailure("timeout", "no complete answer within " + deadline.toSeconds() + " s", 0,
						null, true, 0, null);
			}
			boolean parse = ex instanceof JacksonException && !(ex.getCause() instanceof IOException);
			String status = parse ? "malformed-response" : "truncated-body";
			throw new RetryableFailure(status, status + ": " + ex.getClass().getSimpleName(), response.statusCode(),
					null, true, 0, null);
		}
		finally {
			watchdog.cancel(false);
		}
	}

	private HttpResponse<InputStream> send(HttpRequest request, Duration deadline, InFlightExchanges.Exchange exchange) {
		CompletableFuture<HttpResponse<InputStream>> future = sendOnSender(request, deadline);
		exchange.waiting(future);
		try {
			return future.get(deadline.toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (CancellationException ex) {
			throw abandoned();
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw timeout(request);
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			throw new RetryableFailure("interrupted", "the call was interrupted", 0, null, true, 1, null);
		}
		catch (ExecutionException ex) {
			if (exchange.abandoned()) {
				throw abandoned();
			}
			Throwable cause = ex.getCause();
			if (cause instanceof HttpConnectTimeoutException) {
				throw new RetryableFailure("connect-timeout", "could not connect to " + request.uri().getHost(), 0,
						null, false, 0, null);
			}
			if (cause instanceof HttpTimeoutException) {
				throw timeout(request);
			}
			if (cause instanceof ConnectException) {
				throw new RetryableFailure("connection-refused", "could not connect to " + request.uri().getHost(), 0,
						null, false, 0, null);
			}
			throw new RetryableFailure("connection-lost", "connection to " + request.uri().getHost() + " lost: "
					+ (cause == null ? "unknown" : cause.getClass().getSimpleName()), 0, null, true, 0, null);
		}
	}

	/**
	 * Sends the request on a {@link #SENDERS} thread with the blocking {@link HttpClient#send}, and hands its answer
	 * (status and headers; the body is read by the calling worker) over in a future the worker waits on, which a
	 * shutdown or the deadline may cancel without interrupting the worker.
	 * <p>
	 * Why not {@link HttpClient#sendAsync}: in JDK 17 it completes its future through
	 * {@code whenCompleteAsync(..., ASYNC_POOL)}, {@code CompletableFuture}'s default executor, which starts a new
	 * thread per task when the common pool has a single thread, as on two cores: one thread start per answer, ~0.4 ms of
	 * CPU measured here. A client executor does not change that hop; the blocking {@code send} makes none.
	 * <p>
	 * Why this cannot deadlock: a sender thread only waits for the status line and headers; with
	 * {@link HttpResponse.BodyHandlers#ofInputStream()} {@code send} returns as soon as they are in, and the body is
	 * pulled by the worker from the stream, which the client's own selector and executor feed (they never run our
	 * code, so a worker blocked on a disk write holds no sender and no client thread, only the body's flow control).
	 * The pool grows to the calls waiting for headers at once (at most the call slots) and idle senders end after a
	 * minute. Cancelling the future (shutdown, deadline) interrupts the sender, on which {@code send} cancels the
	 * exchange as {@code sendAsync}'s future did; an answer that arrives after the worker gave up is closed, freeing
	 * its connection. The request carries the deadline as its timeout too, so no sender waits beyond it.
	 */
	private CompletableFuture<HttpResponse<InputStream>> sendOnSender(HttpRequest request, Duration deadline) {
		HttpRequest timed = HttpRequest.newBuilder(request, (name, value) -> true)
			.timeout(request.timeout().filter(own -> own.compareTo(deadline.plusSeconds(1)) < 0)
				.orElse(deadline.plusSeconds(1)))
			.build();
		CompletableFuture<HttpResponse<InputStream>> future = new CompletableFuture<>();
		Future<?> sender = SENDERS.submit(() -> {
			try {
				HttpResponse<InputStream> response = this.client.send(timed, HttpResponse.BodyHandlers.ofInputStream());
				if (!future.complete(response)) {
					closeQuietly(response.body());
				}
			}
			catch (InterruptedException ex) {
				future.cancel(false);
			}
			catch (IOException | RuntimeException ex) {
				future.completeExceptionally(ex);
			}
		});
		future.whenComplete((response, failure) -> {
			if (future.isCancelled()) {
				sender.cancel(true);
			}
		});
		return future;
	}

	/**
	 * Our disk failing while the body is saved must never read as the body failing to arrive: that would retry, and
	 * buy the image again. The sink throws {@link LocalWriteException}, which passes through unchanged; this finds it
	 * should a parser ever wrap it.
	 */
	private static @Nullable LocalWriteException localWriteIn(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof LocalWriteException local) {
				return local;
			}
		}
		return null;
	}

	private static RetryableFailure timeout(HttpRequest request) {
		return new RetryableFailure("timeout", "no answer from " + request.uri().getHost() + " in time", 0, null, true,
				0, null);
	}

	/** The call was abandoned by a shutdown; it may have reached the provider. */
	private static RetryableFailure abandoned() {
		return new RetryableFailure("abandoned", "the call was abandoned by a shutdown", 0, null, true, 1, null);
	}

	private static String readErrorBody(InputStream body) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		int n;
		while (out.size() < MAX_ERROR_BODY && (n = body.read(buffer)) > 0) {
			out.write(buffer, 0, n);
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	private static void closeQuietly(InputStream stream) {
		try {
			stream.close();
		}
		catch (IOException ignored) {
			// closing is how the deadline aborts the read; the reader reports the failure
		}
	}

}
