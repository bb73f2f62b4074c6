package com.catalogimage.ops;

import java.io.PrintStream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.catalogimage.remote.EmbeddedBroker;
import org.slf4j.LoggerFactory;

/**
 * {@code broker}: serves an ActiveMQ Artemis broker for remote workers on 127.0.0.1 until the process is stopped
 * (SIGTERM, Ctrl-C) or the calling thread is interrupted. Its queue is kept in the data folder, so slot requests
 * not yet taken survive a restart of the broker. It starts no application context and opens no database.
 */
final class BrokerCommand {

	private BrokerCommand() {
	}

	static int run(Invocation invocation, PrintStream out, PrintStream err) {
		Commands.Broker flags = invocation.flags(Commands.Broker.class);
		// without Spring, logback would print the broker's debug lines, and its notices (no dead-letter address) are
		// not the user's: its errors are enough
		((Logger) LoggerFactory.getLogger("org.apache.activemq")).setLevel(Level.ERROR);
		return ServeUntilStopped.serve(() -> {
			EmbeddedBroker broker;
			try {
				broker = EmbeddedBroker.start(flags.port, flags.data);
			}
			catch (IllegalStateException ex) {
				throw new UsageException(ex.getMessage());
			}
			return new ServeUntilStopped.Served("Broker listening on " + broker.url() + " (queue data in "
					+ flags.data.toAbsolutePath().normalize() + "). Workers: java -jar catalog-image-batch.jar worker "
					+ "--broker " + broker.url() + " ...; the manager: run --workers remote --broker " + broker.url()
					+ " ... Stop it with Ctrl-C.", broker::close);
		}, "broker-shutdown", out, err);
	}

}
