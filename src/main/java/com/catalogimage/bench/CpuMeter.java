package com.catalogimage.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.management.OperatingSystemMXBean;

/**
 * Samples this process's CPU time every {@value #PERIOD_MS} ms, so the CPU a step used can be read afterwards from
 * its start and end times in the job repository, and counts the CPU of the simulator's threads apart. On a small
 * machine, with the simulator in the same process, a share of the limit below the goal means little until this says
 * whether the cores were saturated, and by whom.
 */
final class CpuMeter implements AutoCloseable {

	static final int PERIOD_MS = 20;

	/** How {@code SimulatorServer} names its request threads. */
	private static final String SIMULATOR_THREADS = "simulator-";

	private record Sample(long epochNanos, long cpuNanos) {
	}

	private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

	private final List<Sample> samples = new ArrayList<>();

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private Map<Long, Long> simulatorAtReset = Map.of();

	private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "bench-cpu-sampler");
		thread.setDaemon(true);
		return thread;
	});

	CpuMeter() {
		this.sampler.scheduleAtFixedRate(this::sample, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
	}

	/** Forgets the samples of earlier runs and notes where the simulator's threads stand. */
	synchronized void reset() {
		this.samples.clear();
		this.simulatorAtReset = simulatorThreadsCpu();
	}

	/**
	 * CPU time the simulator's threads used since {@link #reset()}. Its pool keeps idle threads for a minute, so the
	 * threads that served a run are still there to be asked when it ends.
	 */
	synchronized long simulatorCpuNanos() {
		long used = 0;
		for (Map.Entry<Long, Long> thread : simulatorThreadsCpu().entrySet()) {
			used += thread.getValue() - this.simulatorAtReset.getOrDefault(thread.getKey(), 0L);
		}
		return Math.max(0, used);
	}

	private Map<Long, Long> simulatorThreadsCpu() {
		Map<Long, Long> cpu = new HashMap<>();
		for (ThreadInfo info : this.threads.getThreadInfo(this.threads.getAllThreadIds())) {
			if (info != null && info.getThreadName().startsWith(SIMULATOR_THREADS)) {
				long nanos = this.threads.getThreadCpuTime(info.getThreadId());
				if (nanos >= 0) {
					cpu.put(info.getThreadId(), nanos);
				}
			}
		}
		return cpu;
	}

	/** CPU time this process used between two instants, interpolated between samples; 0 if unknown. */
	synchronized long cpuNanosBetween(Instant from, Instant to) {
		sample();
		return Math.max(0, cpuAt(epochNanos(to)) - cpuAt(epochNanos(from)));
	}

	private synchronized void sample() {
		Instant now = Instant.now();
		this.samples.add(new Sample(epochNanos(now), this.os.getProcessCpuTime()));
	}

	private long cpuAt(long epochNanos) {
		Sample before = null;
		for (Sample sample : this.samples) {
			if (sample.epochNanos() >= epochNanos) {
				if (before == null) {
					return sample.cpuNanos();
				}
				double fraction = (double) (epochNanos - before.epochNanos())
						/ Math.max(1, sample.epochNanos() - before.epochNanos());
				return before.cpuNanos() + Math.round(fraction * (sample.cpuNanos() - before.cpuNanos()));
			}
			before = sample;
		}
		return before == null ? 0 : before.cpuNanos();
	}

	private static long epochNanos(Instant instant) {
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

	@Override
	public void close() {
		this.sampler.shutdownNow();
	}

}
