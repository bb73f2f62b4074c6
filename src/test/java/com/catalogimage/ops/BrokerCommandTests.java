package com.catalogimage.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BrokerCommandTests {

	@TempDir
	Path workspace;

	@Test
	void servesOnLoopbackUntilStoppedAndThenFreesThePort() throws Exception {
		// given
		int port = freePort();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		AtomicInteger exit = new AtomicInteger(-1);
		Thread broker = new Thread(() -> exit.set(CommandLineInterface.run(
				new String[] { "broker", "--port", String.valueOf(port), "--data",
						this.workspace.resolve("broker").toString() },
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()))));
		// when
		broker.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> out.toString(StandardCharsets.UTF_8).contains("listening"));
		boolean accepted = connects(port);
		broker.interrupt();
		broker.join(30_000);
		// then
		assertThat(out.toString(StandardCharsets.UTF_8))
			.startsWith("Broker listening on tcp://127.0.0.1:" + port + " (queue data in "
					+ this.workspace.resolve("broker").toAbsolutePath().normalize() + ")")
			.endsWith("Stop it with Ctrl-C.\n");
		assertThat(accepted).as("a client connects while it serves").isTrue();
		assertThat(broker.isAlive()).isFalse();
		assertThat(exit.get()).isEqualTo(ExitCodes.COMPLETED);
		assertThat(connects(port)).as("stopped: nothing listens any more").isFalse();
	}

	@Test
	void aTakenPortIsOneLineAndExit64() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ByteArrayOutputStream err = new ByteArrayOutputStream();
			int exit = CommandLineInterface.run(
					new String[] { "broker", "--port", String.valueOf(taken.getLocalPort()), "--data",
							this.workspace.resolve("broker").toString() },
					new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
			assertThat(exit).isEqualTo(ExitCodes.USAGE);
			assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: cannot serve a broker on 127.0.0.1:"
					+ taken.getLocalPort() + ": the port is in use (is another broker running?)\n");
			assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static boolean connects(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
