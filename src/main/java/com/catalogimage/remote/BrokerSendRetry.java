package com.catalogimage.remote;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.integration.handler.advice.RequestHandlerRetryAdvice;
import org.springframework.jms.JmsException;

/**
 * Sending a slot request tries again while the broker is away, for up to {@link #PATIENCE}: a broker restarted while
 * the manager was still sending its requests (measured: on a loaded machine the manager's sixteen sends, a connection
 * each, took seconds) failed the run with "Server not started", and a worker handing a request back failed its slot.
 * The request waits with its sender; nothing is sent twice, since a send that failed put nothing on the queue.
 */
final class BrokerSendRetry {

	static final Duration PATIENCE = Duration.ofMinutes(1);

	private BrokerSendRetry() {
	}

	static RequestHandlerRetryAdvice advice(@Nullable RetryListener listener) {
		RequestHandlerRetryAdvice advice = new RequestHandlerRetryAdvice();
		advice.setRetryPolicy(RetryPolicy.builder()
			.maxRetries(Long.MAX_VALUE)
			.timeout(PATIENCE)
			.delay(Duration.ofMillis(200))
			.multiplier(2)
			.maxDelay(Duration.ofSeconds(5))
			.predicate(BrokerSendRetry::brokerUnreachable)
			.build());
		if (listener != null) {
			advice.setRetryListener(listener);
		}
		return advice;
	}

	/** A JMS failure anywhere in the chain: the broker, not the request, is the problem. */
	private static boolean brokerUnreachable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof JmsException || cause instanceof jakarta.jms.JMSException) {
				return true;
			}
		}
		return false;
	}

}
