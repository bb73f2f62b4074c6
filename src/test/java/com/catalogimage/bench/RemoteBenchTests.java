package com.catalogimage.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RemoteBenchTests {

	private static final BenchSettings SETTINGS = new BenchSettings(40, 4, 600, 600, 1000, 0.5, "realistic", false, "2K",
			List.of(Design.SHARED_FEED), 1, 1, 0, null);

	@Test
	void eachRunsDatabaseIsOnTheGivenServerWithItsParameters() {
		RemoteBenchSettings remote = new RemoteBenchSettings(List.of(1), "jdbc:postgresql://db:5432/postgres?ssl=false",
				"u");
		assertThat(remote.urlOf("bench_1w_r1_x")).isEqualTo("jdbc:postgresql://db:5432/bench_1w_r1_x?ssl=false");
		assertThat(new RemoteBenchSettings(List.of(1), "jdbc:postgresql://db", "u").urlOf("b"))
			.isEqualTo("jdbc:postgresql://db/b");
		assertThat(BenchDatabases.freshName(4, 2)).matches("bench_4w_r2_[0-9a-z]+");
		assertThat(remote.describe()).startsWith("worker-jvms=[1] server=jdbc:postgresql://db:5432/postgres?ssl=false "
				+ "user=u;");
	}

	@Test
	void aWorkerJvmGetsTheRunsSettingsFromTheSameJarAndNoSecret() {
		// when
		List<String> command = WorkerJvms.command("/jdk/bin/java", Path.of("/app/catalog-image-batch.jar"),
				List.of("-Xmx512m"),
				RemoteBenchRun.workerArguments(RemoteBenchRun.common(SETTINGS, "tcp://127.0.0.1:40000",
						"jdbc:postgresql://127.0.0.1:55432/bench_2w_r1_a", "bencher", "http://127.0.0.1:40001",
						Path.of("/tmp/out"))));
		// then
		assertThat(command).startsWith("/jdk/bin/java", "-Xmx512m", "-jar", "/app/catalog-image-batch.jar", "worker");
		assertThat(String.join(" ", command)).contains("--broker tcp://127.0.0.1:40000",
				"--db-url jdbc:postgresql://127.0.0.1:55432/bench_2w_r1_a", "--db-user bencher",
				"--base-url http://127.0.0.1:40001", "--output /tmp/out", "--concurrency 4", "--rpm 600",
				"--chunk-size 1");
		// the provider is the simulator (no key needed) and the password stays in the environment
		assertThat(String.join(" ", command).toLowerCase()).doesNotContain("password", "api-key", "key=", "--provider");
	}

	@Test
	void theManagerSendsEachWorkerJvmAsManySlotsAsItRunsAtOnce() {
		// GenerationProperties.workers(): concurrency plus one per eight, at least two
		assertThat(RemoteBenchRun.slotsPerWorker(4)).isEqualTo(6);
		assertThat(RemoteBenchRun.slotsPerWorker(32)).isEqualTo(36);
	}

	@Test
	void theLimitIsTheSharedRateOrAllWorkersCallsInFlight() {
		// 2 JVMs x 4 calls in flight at 1 s a call: 480 a minute, below a shared 600
		assertThat(measurement(2, 600, 1000).limitPerMinute()).isEqualTo(480.0);
		// 4 JVMs: 960 by latency, so the shared 600 binds
		assertThat(measurement(4, 600, 1000).limitPerMinute()).isEqualTo(600.0);
		// 40 images in 6 s: 400 a minute, 2/3 of 600
		assertThat(measurement(4, 600, 1000).shareOfLimit()).isCloseTo(400.0 / 600, org.assertj.core.data.Offset.offset(1e-9));
	}

	@Test
	void theLastLineHasTheMediansPerNumberOfWorkerJvmsOfCompletedRunsOnly() {
		RemoteMeasurement failed = new RemoteMeasurement(1, 2, 40, 1, "FAILED", 10, Duration.ofSeconds(1),
				new BenchSimulator.Counts(10, 1000, 0, 4), 0, 0.5, List.of(10L), 4, 600);
		String line = RemoteBenchmark.medians(List.of(measurement(1, 600, 1000), failed, measurement(2, 600, 1000)),
				List.of(1, 2));
		assertThat(line).isEqualTo("remote workers=1 runs=1 images_per_min=400.0 limit_per_min=240.0 "
				+ "share_of_limit=1.667 rate_limited=3 twice=1 cpu=0.800 vs_previous=NaN; remote workers=2 runs=1 "
				+ "images_per_min=400.0 limit_per_min=480.0 share_of_limit=0.833 rate_limited=3 twice=1 cpu=0.800 "
				+ "vs_previous=1.000");
		assertThat(RemoteBenchmark.row(measurement(2, 600, 1000))).contains("20/20");
	}

	@Test
	void theCpuLineOfProcStatCountsIdleAndIowaitAsIdle() {
		MachineCpu.Ticks ticks = MachineCpu.parse("cpu  100 5 50 800 20 3 2 1 7 0");
		assertThat(ticks.total()).isEqualTo(981);
		assertThat(ticks.busy()).isEqualTo(161);
	}

	private static RemoteMeasurement measurement(int workerJvms, int rpm, double meanServiceMs) {
		List<Long> perWorker = java.util.Collections.nCopies(workerJvms, 40L / workerJvms);
		return new RemoteMeasurement(workerJvms, 1, 40, 0, "COMPLETED", 40, Duration.ofSeconds(6),
				new BenchSimulator.Counts(43, meanServiceMs, 3, 8), 1, 0.8, perWorker, 4, rpm);
	}

}
