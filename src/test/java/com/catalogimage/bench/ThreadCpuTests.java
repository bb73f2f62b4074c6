package com.catalogimage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadCpuTests {

	private static final long TICK = ThreadCpu.NANOS_PER_TICK;

	@TempDir
	Path tasks;

	/** A stat line as the kernel writes it, with utime 14, stime 15 and starttime 22 (1-based fields). */
	private static String statLine(long tid, String comm, long utime, long stime, long start) {
		return tid + " (" + comm + ") S 1 1 0 0 -1 1077936192 4 0 0 0 " + utime + " " + stime
				+ " 0 0 20 0 33 0 " + start + " 3553947648 80000 18446744073709551615 1 1 0 0 0 0 4 0 16800975 0 0 0"
				+ " -1 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
	}

	@Test
	void parsesANameWithSpacesAndParentheses() {
		ThreadCpu.Stat stat = ThreadCpu.Stat.parse(statLine(4711, "a (b) c) d", 123, 45, 9876));

		assertThat(stat).isEqualTo(new ThreadCpu.Stat("a (b) c) d", 168, 9876));
	}

	@Test
	void parsesTheCompilerThreadsNameWithItsSpace() {
		ThreadCpu.Stat stat = ThreadCpu.Stat.parse(statLine(12, "C2 CompilerThre", 700, 3, 50));

		assertThat(stat).isNotNull();
		assertThat(stat.comm()).isEqualTo("C2 CompilerThre");
		assertThat(stat.ticks()).isEqualTo(703);
		assertThat(ThreadCpu.Group.of(stat.comm())).isEqualTo(ThreadCpu.Group.JIT);
	}

	@Test
	void refusesATruncatedLine() {
		assertThat(ThreadCpu.Stat.parse("12 (generate-1) S 1 1 0")).isNull();
		assertThat(ThreadCpu.Stat.parse("no parentheses at all")).isNull();
	}

	@Test
	void groupsThreadsByTheirKernelName() {
		assertThat(List.of("generate-12", "C1 CompilerThre", "GC Thread#0", "G1 Refine#0", "VM Thread",
				"HttpClient-1-Se", "provider-http-1", "simulator-3", "HTTP-Dispatcher", "bench-cpu-sampl", "Thread-2017", "main")
			.stream()
			.map(ThreadCpu.Group::of)).containsExactly(ThreadCpu.Group.WORKERS, ThreadCpu.Group.JIT,
					ThreadCpu.Group.GC, ThreadCpu.Group.GC, ThreadCpu.Group.GC, ThreadCpu.Group.HTTP_CLIENT,
					ThreadCpu.Group.HTTP_CLIENT, ThreadCpu.Group.SIMULATOR, ThreadCpu.Group.SIMULATOR, ThreadCpu.Group.BENCH,
					ThreadCpu.Group.REST, ThreadCpu.Group.REST);
	}

	@Test
	void aThreadThatExitedKeepsTheCpuItHadWhenLastRead() throws IOException {
		ThreadCpu cpu = new ThreadCpu(this.tasks);
		write(101, "generate-1", 10, 5, 1000);
		write(102, "generate-2", 20, 0, 1000);
		write(200, "C2 CompilerThre", 50, 0, 10);

		long[] first = cpu.read();
		assertThat(first[ThreadCpu.Group.WORKERS.ordinal()]).isEqualTo(35 * TICK);
		assertThat(first[ThreadCpu.Group.JIT.ordinal()]).isEqualTo(50 * TICK);

		delete(101);
		write(102, "generate-2", 30, 0, 1000);
		long[] second = cpu.read();

		assertThat(second[ThreadCpu.Group.WORKERS.ordinal()]).as("generate-1's 15 ticks stay counted")
			.isEqualTo(45 * TICK);
		assertThat(second[ThreadCpu.Group.JIT.ordinal()]).isEqualTo(50 * TICK);
		assertThat(second[ThreadCpu.Group.REST.ordinal()]).as("left for the caller").isZero();
	}

	@Test
	void aReusedTidIsANewThread() throws IOException {
		ThreadCpu cpu = new ThreadCpu(this.tasks);
		write(300, "generate-1", 40, 0, 1000);
		cpu.read();

		// the kernel gave the worker's tid to a new HTTP client thread, which has used less so far
		write(300, "HttpClient-1-Wo", 2, 0, 2000);
		long[] after = cpu.read();

		assertThat(after[ThreadCpu.Group.WORKERS.ordinal()]).isEqualTo(40 * TICK);
		assertThat(after[ThreadCpu.Group.HTTP_CLIENT.ordinal()]).isEqualTo(2 * TICK);
	}

	@Test
	void findsAWorkerOfThisProcessByTheNameJavaGaveIt() throws Exception {
		ThreadCpu cpu = ThreadCpu.ofThisProcess();
		Assumptions.assumeTrue(cpu != null, "no /proc/self/task here");
		long before = cpu.read()[ThreadCpu.Group.WORKERS.ordinal()];
		CountDownLatch spun = new CountDownLatch(1);
		CountDownLatch read = new CountDownLatch(1);
		Thread worker = new Thread(() -> {
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			long sum = 0;
			while (threads.getCurrentThreadCpuTime() < 100_000_000L) {
				sum += System.nanoTime() % 7;
			}
			sink = sum;
			spun.countDown();
			try {
				read.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "generate-probe");
		worker.start();
		try {
			spun.await();
			long after = cpu.read()[ThreadCpu.Group.WORKERS.ordinal()];
			assertThat(after - before).as("100 ms of CPU on a thread named generate-probe")
				.isGreaterThanOrEqualTo(50_000_000L);
		}
		finally {
			read.countDown();
			worker.join();
		}
	}

	private static volatile long sink;

	private void write(long tid, String comm, long utime, long stime, long start) throws IOException {
		Path dir = Files.createDirectories(this.tasks.resolve(String.valueOf(tid)));
		Files.writeString(dir.resolve("stat"), statLine(tid, comm, utime, stime, start));
	}

	private void delete(long tid) throws IOException {
		Files.delete(this.tasks.resolve(tid + "/stat"));
		Files.delete(this.tasks.resolve(String.valueOf(tid)));
	}

}
