package com.catalogimage.remote;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.Retryable;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.handler.advice.RequestHandlerRetryAdvice;
import org.springframework.integration.jms.JmsSendingMessageHandler;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.messaging.MessageHandler;

import static org.assertj.core.api.Assertions.assertThat;

/** A slot request sent while the broker is away goes out once it is back, instead of failing its sender. */
class BrokerSendRetryTests {

	private final AnnotationConfigApplicationContext integration = new AnnotationConfigApplicationContext(
			Integration.class);

	@AfterEach
	void close() {
		this.integration.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class Integration {

	}

	@Test
	void aRequestSentWhileTheBrokerIsDownGoesOutOnceItIsBack() throws Exception {
		// given: no broker on the port yet
		int port = freePort();
		ActiveMQConnectionFactory connections = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
		CountDownLatch failedOnce = new CountDownLatch(1);
		MessageHandler sender = sender(connections, new RetryListener() {
			@Override
			public void onRetryFailure(RetryPolicy policy, Retryable<?> retryable, Throwable failure) {
				failedOnce.countDown();
			}

			@Override
			public void beforeRetry(RetryPolicy policy, Retryable<?> retryable) {
				failedOnce.countDown();
			}
		});
		// when: the request is sent, fails, and then the broker starts
		CompletableFuture<Void> sent = CompletableFuture
			.runAsync(() -> sender.handleMessage(MessageBuilder.withPayload("slot 7").build()));
		assertThat(failedOnce.await(30, TimeUnit.SECONDS)).as("the first send failed").isTrue();
		try (EmbeddedBroker broker = EmbeddedBroker.start(port, null)) {
			// then: the send returns normally and the request is on the queue
			sent.get(30, TimeUnit.SECONDS);
			JmsTemplate receiver = new JmsTemplate(connections);
			receiver.setReceiveTimeout(10_000);
			assertThat(receiver.receiveAndConvert(PartitionRequests.QUEUE)).isEqualTo("slot 7");
		}
		finally {
			connections.close();
		}
	}

	/** The JMS outbound adapter advised as the flow advises it (a proxy around its handleMessage). */
	private MessageHandler sender(ActiveMQConnectionFactory connections, RetryListener listener) {
		JmsSendingMessageHandler handler = new JmsSendingMessageHandler(new JmsTemplate(connections));
		handler.setDestinationName(PartitionRequests.QUEUE);
		handler.setBeanFactory(this.integration.getBeanFactory());
		handler.afterPropertiesSet();
		RequestHandlerRetryAdvice retry = BrokerSendRetry.advice(listener);
		retry.setBeanFactory(this.integration.getBeanFactory());
		ProxyFactory advised = new ProxyFactory(handler);
		advised.addAdvice(retry);
		return (MessageHandler) advised.getProxy();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
