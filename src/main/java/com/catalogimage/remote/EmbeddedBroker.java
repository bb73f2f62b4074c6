package com.catalogimage.remote;

import java.net.BindException;
import java.nio.file.Path;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.jspecify.annotations.Nullable;

/**
 * An ActiveMQ Artemis broker in this process, listening on 127.0.0.1 only (no authentication, so nothing beyond this
 * machine may reach it). The manager serves one when {@code run --workers remote} is given no {@code --broker};
 * the {@code broker} command serves one with a data folder, so queued slot requests survive its restart.
 */
public final class EmbeddedBroker implements AutoCloseable {

	private final EmbeddedActiveMQ server;

	private final int port;

	private EmbeddedBroker(EmbeddedActiveMQ server, int port) {
		this.server = server;
		this.port = port;
	}

	/**
	 * Starts a broker on {@code 127.0.0.1:port}.
	 * @param data where it keeps its journal (messages survive a restart), or null for memory only
	 * @throws IllegalStateException naming the port when it cannot listen there
	 */
	public static EmbeddedBroker start(int port, @Nullable Path data) {
		Configuration configuration = new ConfigurationImpl().setSecurityEnabled(false)
			.setJMXManagementEnabled(false)
			.setPersistenceEnabled(data != null)
			.setJournalType(JournalType.NIO)
			// a partition request is a few hundred bytes; no need to refuse messages when the disk runs low
			.setMaxDiskUsage(-1);
		try {
			configuration.addAcceptorConfiguration("tcp", "tcp://" + RemoteProperties.DEFAULT_HOST + ":" + port);
			if (data != null) {
				Path root = data.toAbsolutePath().normalize();
				configuration.setJournalDirectory(root.resolve("journal").toString())
					.setBindingsDirectory(root.resolve("bindings").toString())
					.setPagingDirectory(root.resolve("paging").toString())
					.setLargeMessagesDirectory(root.resolve("large-messages").toString())
					.setNodeManagerLockDirectory(root.toString());
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot configure the broker: " + ex.getMessage(), ex);
		}
		EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(configuration);
		try {
			server.start();
		}
		catch (Exception ex) {
			throw new IllegalStateException(cannotListen(port, ex), ex);
		}
		var acceptors = server.getActiveMQServer().getRemotingService().getAcceptors().values();
		if (!server.getActiveMQServer().isActive() || acceptors.isEmpty()
				|| !acceptors.stream().allMatch(acceptor -> acceptor.isStarted())) {
			// Artemis logs a port it cannot bind and starts without the acceptor
			stopQuietly(server);
			throw new IllegalStateException(cannotListen(port, new BindException()));
		}
		return new EmbeddedBroker(server, port);
	}

	private static String cannotListen(int port, Exception ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && !(cause instanceof BindException)) {
			cause = cause.getCause();
		}
		return "cannot serve a broker on " + RemoteProperties.DEFAULT_HOST + ":" + port + ": "
				+ (cause instanceof BindException ? "the port is in use (is another broker running?)"
						: String.valueOf(cause.getMessage()));
	}

	/** The URL workers and the manager connect to. */
	public String url() {
		return "tcp://" + RemoteProperties.DEFAULT_HOST + ":" + this.port;
	}

	@Override
	public void close() {
		stopQuietly(this.server);
	}

	private static void stopQuietly(EmbeddedActiveMQ server) {
		try {
			server.stop();
		}
		catch (Exception ex) {
			// stopping: nothing left to do with a broker that fails to stop
		}
	}

}
