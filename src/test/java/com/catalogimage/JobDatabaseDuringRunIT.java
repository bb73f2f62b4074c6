package com.catalogimage;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.support.Catalogs;
import com.catalogimage.support.ChildJob;
import com.catalogimage.support.Simulators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar with the default embedded H2 file, several processes at once: while a run is going, status,
 * report, estimate and recover work (through the run, which serves its file on loopback only), recover refuses to
 * touch the live execution, and the run goes on undisturbed. And the jar started from another folder finds its
 * profiles and says where its job state and output are.
 */
class JobDatabaseDuringRunIT {

	@TempDir
	Path workspace;

	@Test
	void statusReportEstimateAndRecoverWorkWhileARunIsGoing() throws Exception {
		try (SimulatorServer simulator = Simulators.start(Map.of("time-scale", "0.01"))) {
			// given: a run paced at 60 requests a minute, so it is still going while the other commands run
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 400, "LIVE");
			ChildJob job = new ChildJob(this.workspace.resolve("run"), simulator.baseUrl());
			String[] run = { "run", "--input", catalog.toString(), "--rpm", "60", "--concurrency", "4" };
			Process running = job.start(run);
			Path descriptor = Path.of(job.dbUrl().substring("jdbc:h2:file:".length(), job.dbUrl().indexOf(';'))
					+ ".server.properties");
			await().atMost(Duration.ofMinutes(3))
				.until(() -> Files.exists(descriptor) && simulator.stats().generations() >= 2 || !running.isAlive());
			assertThat(running.isAlive()).as(job.logText()).isTrue();
			// when
			ChildJob status = beside(job, "status");
			ChildJob report = beside(job, "report");
			ChildJob estimate = beside(job, "estimate");
			ChildJob recover = beside(job, "recover");
			int statusExit = status.run("status");
			int reportExit = report.run("report", "--execution", "1", "--output", report.output().toString());
			int estimateExit = estimate.run("estimate", "--input", catalog.toString(), "--output",
					job.output().toString());
			int recoverExit = recover.run("recover");
			// then
			assertThat(statusExit).as(status.logText()).isZero();
			assertThat(status.logText()).contains("STARTED").contains(catalog.toString());
			assertThat(reportExit).as(report.logText()).isZero();
			assertThat(report.output().resolve("report.csv")).content(StandardCharsets.UTF_8).contains("PENDING");
			assertThat(estimateExit).as(estimate.logText()).isZero();
			assertThat(estimate.logText()).contains("to generate:");
			assertThat(recoverExit).as(recover.logText()).isEqualTo(5);
			assertThat(recover.logText()).contains("error: execution 1 is still running")
				.contains("or now with 'recover --execution 1 --force'");
			assertThat(running.isAlive()).as("the run goes on").isTrue();
			// the run's server listens on loopback only
			int port = Integer.parseInt(properties(descriptor).getProperty("port"));
			for (InetAddress address : nonLoopbackAddresses()) {
				assertThatThrownBy(() -> connect(address, port)).as(address.toString()).isInstanceOf(IOException.class);
			}
			// when the run is stopped, it records its stop as ever, and the file is its own again
			running.destroy();
			assertThat(running.waitFor(2, TimeUnit.MINUTES)).isTrue();
			assertThat(running.exitValue()).as(job.logText()).isEqualTo(4);
			assertThat(job.jdbc().queryForObject("select status from batch_job_execution", String.class))
				.isEqualTo("STOPPED");
			assertThat(status.run("status")).as(status.logText()).isZero();
		}
	}

	@Test
	void fromAnotherFolderAProfileIsFoundBesideTheJarAndTheRunSaysWhereItsStateIs() throws Exception {
		// given: a folder that has no jobs/ of its own
		Path folder = Files.createDirectories(this.workspace.resolve("elsewhere"));
		Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 3, "AWAY");
		String jar = Path.of(System.getProperty("catalog.jar", "target/catalog-image-batch.jar")).toAbsolutePath()
			.toString();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Path log = this.workspace.resolve("away.log");
		// when
		Process process = new ProcessBuilder(java, "-jar", jar, "run", "--profile", "simulator", "--input",
				catalog.toString())
			.directory(folder.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
		// then
		String output = Files.readString(log);
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output.lines().findFirst()).contains("Job state: jdbc:h2:file:"
				+ folder.toRealPath().resolve("data/catalog-image-batch") + "; output: "
				+ folder.toRealPath().resolve("output"));
		assertThat(folder.resolve("output/report.html")).exists();
	}

	/** Another command's process on the same job database, with its own log and output folder. */
	private ChildJob beside(ChildJob run, String name) {
		return new ChildJob(this.workspace.resolve(name), "unused") {
			@Override
			public String dbUrl() {
				return run.dbUrl();
			}
		};
	}

	private static Properties properties(Path file) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(file)) {
			properties.load(in);
		}
		return properties;
	}

	private static void connect(InetAddress address, int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address, port), 1000);
		}
	}

	private static List<InetAddress> nonLoopbackAddresses() throws IOException {
		return NetworkInterface.networkInterfaces()
			.flatMap(NetworkInterface::inetAddresses)
			.filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
			.toList();
	}

}
