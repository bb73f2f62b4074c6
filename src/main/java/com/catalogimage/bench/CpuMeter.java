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
import java.util.function.ToLongFunction;

import com.sun.management.OperatingSystemMXBean;
import org.jspecify.annotations.Nullable;

/**
 * Samples this process's CPU time every {@value #PERIOD_MS} ms, so the CPU a step used can be read afterwards from
 * its start and end times in the job repository, and counts the CPU of the simulator's threads apart. On a small
 * machine, with the simulator in the same process, a share of the limit below the goal means little until this says
 * whether the cores were saturated, and by whom. Every {@value #THREADS_EVERY}th sample also reads the CPU of every
 * thread by group ({@link ThreadCpu}): reading some hundred {@code /proc} files costs more than one process figure,
 * and the sampler's own CPU is reported apart ({@link ThreadCpu.Group#BENCH}).
 */
final class CpuMeter implements AutoCloseable {

	static final int PERIOD_MS = 20;

	/**
	 * Reading every thread's stat costs ~2 ms of CPU with some hundred threads (measured on 2 cores): every 500 ms
	 * keeps the sampler near 0.4 % of a core. A thread that exits loses what it used after its last reading to
	 * {@link ThreadCpu.Group#REST}: the shared feed's workers, which exit with the step, what they used in its last
	 * half second at most; a thread that lives less than that (the baselines start one per item or partition) all of
	 * it.
	 */
	static final int THREADS_EVERY = 25;

	/** How {@code SimulatorServer} names its request threads. */
	private static final String SIMULATOR_THREADS = "simulator-";

	private record Sample(long epochNanos, long cpuNanos) {
	}

	private record GroupSample(long epochNanos, long[] nanos) {
	}

	private final @Nullable ThreadCpu threadCpu = ThreadCpu.ofThisProcess();

	private final List<GroupSample> groupSamples = new ArrayList<>();

	private int tick;

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
		this.groupSamples.clear();
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

	/**
	 * CPU time between two instants by thread group, indexed by {@link ThreadCpu.Group#ordinal()}, interpolated
	 * between the samples that read the threads; {@link ThreadCpu.Group#REST} is the process's CPU less the other
	 * groups. Null when the threads cannot be read here (no {@code /proc}).
	 */
	synchronized long @Nullable [] groupNanosBetween(Instant from, Instant to) {
		if (this.threadCpu == null) {
			return null;
		}
		sampleThreads(epochNanos(Instant.now()));
		long start = epochNanos(from);
		long end = epochNanos(to);
		long[] used = new long[ThreadCpu.Group.values().length];
		long named = 0;
		for (ThreadCpu.Group group : ThreadCpu.Group.values()) {
			if (group != ThreadCpu.Group.REST) {
				int index = group.ordinal();
				used[index] = Math.max(0, valueAt(this.groupSamples, GroupSample::epochNanos, s -> s.nanos()[index], end)
						- valueAt(this.groupSamples, GroupSample::epochNanos, s -> s.nanos()[index], start));
				named += used[index];
			}
		}
		used[ThreadCpu.Group.REST.ordinal()] = Math.max(0, cpuNanosBetween(from, to) - named);
		return used;
	}

	private synchronized void sample() {
		long now = epochNanos(Instant.now());
		this.samples.add(new Sample(now, this.os.getProcessCpuTime()));
		if (this.tick++ % THREADS_EVERY == 0) {
			sampleThreads(now);
		}
	}

	private void sampleThreads(long epochNanos) {
		if (this.threadCpu != null) {
			this.groupSamples.add(new GroupSample(epochNanos, this.threadCpu.read()));
		}
	}

	private long cpuAt(long epochNanos) {
		return valueAt(this.samples, Sample::epochNanos, Sample::cpuNanos, epochNanos);
	}

	/** A cumulative value at an instant, interpolated linearly between the samples around it. */
	static <S> long valueAt(List<S> samples, ToLongFunction<S> time, ToLongFunction<S> value, long epochNanos) {
		S before = null;
		for (S sample : samples) {
			if (time.applyAsLong(sample) >= epochNanos) {
				if (before == null) {
					return value.applyAsLong(sample);
				}
				double fraction = (double) (epochNanos - time.applyAsLong(before))
						/ Math.max(1, time.applyAsLong(sample) - time.applyAsLong(before));
				return value.applyAsLong(before)
						+ Math.round(fraction * (value.applyAsLong(sample) - value.applyAsLong(before)));
			}
			before = sample;
		}
		return before == null ? 0 : value.applyAsLong(before);
	}

	private static long epochNanos(Instant instant) {
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

	@Override
	public void close() {
		this.sampler.shutdownNow();
	}

}
