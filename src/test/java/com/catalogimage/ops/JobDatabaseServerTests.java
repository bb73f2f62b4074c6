package com.catalogimage.ops;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobDatabaseServerTests {

	@TempDir
	Path workspace;

	@Test
	void aRunServesItsOpenFileOnLoopbackToReadersThatKnowTheKeyUntilItStops() throws Exception {
		// given: the run's own embedded connection holds the file open
		Path file = this.workspace.resolve("data/catalog-image-batch");
		SingleConnectionDataSource run = new SingleConnectionDataSource(
				"jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "sa", "", true);
		new JdbcTemplate(run).execute("create table batch_job_execution (job_execution_id bigint, status varchar(10))");
		new JdbcTemplate(run).update("insert into batch_job_execution values (1, 'STARTED')");
		JobDatabaseServer server = new JobDatabaseServer(file);
		try {
			// when
			server.start();
			String url = JobDatabaseServer.urlForReaders(file).orElseThrow();
			// then: a reader sees what the run committed
			assertThat(reader(url).queryForObject("select status from batch_job_execution", String.class))
				.isEqualTo("STARTED");
			assertThat(JobDatabaseServer.servingProcess(file)).contains(ProcessHandle.current().pid());
			// the descriptor holds the key: only its owner may read it
			Path descriptor = JobDatabaseServer.descriptor(file);
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(descriptor))).isEqualTo("rw-------");
			// nothing but the keyed database is served, and not to other interfaces
			int port = port(descriptor);
			assertThatThrownBy(() -> reader("jdbc:h2:tcp://127.0.0.1:" + port + "/" + file).queryForObject("select 1",
					Integer.class))
				.rootCause()
				.hasMessageContaining("Wrong user name or password");
			for (InetAddress address : nonLoopbackAddresses()) {
				assertThatThrownBy(() -> connect(address, port)).as(address.toString()).isInstanceOf(IOException.class);
			}
		}
		finally {
			server.stop();
			run.destroy();
		}
		// and once the run stops, readers open the file themselves
		assertThat(JobDatabaseServer.descriptor(file)).doesNotExist();
		assertThat(JobDatabaseServer.urlForReaders(file)).isEmpty();
	}

	@Test
	void aDescriptorLeftByAKilledRunIsIgnored() throws Exception {
		// given: the descriptor names a process that has ended (kill -9 leaves it behind)
		Process ended = new ProcessBuilder("true").start();
		ended.waitFor();
		Path file = Files.createDirectories(this.workspace.resolve("data")).resolve("catalog-image-batch");
		Files.writeString(JobDatabaseServer.descriptor(file),
				"url=jdbc:h2:tcp://127.0.0.1:1/key\nport=1\npid=" + ended.pid() + "\n");
		// then
		assertThat(JobDatabaseServer.urlForReaders(file)).isEmpty();
		assertThat(JobDatabaseServer.servingProcess(file)).isEmpty();
	}

	@Test
	void aFileThatIsNoH2FileIsNotServed() {
		JobDatabaseServer server = new JobDatabaseServer(null);
		server.start();
		assertThat(server.isRunning()).isFalse();
	}

	private static JdbcTemplate reader(String url) {
		return new JdbcTemplate(new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", ""));
	}

	private static int port(Path descriptor) throws IOException {
		Properties properties = new Properties();
		try (var in = Files.newInputStream(descriptor)) {
			properties.load(in);
		}
		return Integer.parseInt(properties.getProperty("port"));
	}

	private static void connect(InetAddress address, int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address, port), 1000);
		}
	}

	static List<InetAddress> nonLoopbackAddresses() throws SocketException {
		return NetworkInterface.networkInterfaces()
			.flatMap(NetworkInterface::inetAddresses)
			.filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
			.toList();
	}

}
