package com.catalogimage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The whole machine's CPU use, from {@code /proc/stat} sampled every {@value #PERIOD_MS} ms, so the share of all
 * cores busy during a step can be read afterwards from the step's start and end. With worker JVMs in processes of
 * their own, this process's CPU time ({@link CpuMeter}) misses most of the work; every process counts here, the
 * benchmark's own and anything else running on the machine.
 */
final class MachineCpu implements AutoCloseable {

	static final int PERIOD_MS = 100;

	private static final Path PROC_STAT = Path.of("/proc/stat");

	/** Jiffies of all cores since boot: busy ones and all. */
	record Ticks(long busy, long total) {
	}

	private record Sample(Instant at, Ticks ticks) {
	}

	private final List<Sample> samples = new ArrayList<>();

	private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "bench-machine-cpu");
		thread.setDaemon(true);
		return thread;
	});

	MachineCpu() {
		this.sampler.scheduleAtFixedRate(this::sample, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
	}

	synchronized void reset() {
		this.samples.clear();
	}

	/**
	 * The share of all cores busy between the last sample at or before {@code start} and the first at or after
	 * {@code end}; NaN when {@code /proc/stat} could not be read (not Linux) or the samples do not cover the span.
	 */
	synchronized double busyShareBetween(Instant start, Instant end) {
		Sample from = null;
		Sample to = null;
		for (Sample sample : this.samples) {
			if (!sample.at().isAfter(start)) {
				from = sample;
			}
			if (to == null && !sample.at().isBefore(end)) {
				to = sample;
			}
		}
		if (from == null || to == null || to.ticks().total() <= from.ticks().total()) {
			return Double.NaN;
		}
		return (double) (to.ticks().busy() - from.ticks().busy()) / (to.ticks().total() - from.ticks().total());
	}

	private void sample() {
		Ticks ticks = read();
		if (ticks != null) {
			synchronized (this) {
				this.samples.add(new Sample(Instant.now(), ticks));
			}
		}
	}

	private static @Nullable Ticks read() {
		try {
			return parse(Files.readAllLines(PROC_STAT).get(0));
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * The first line of {@code /proc/stat}: {@code cpu user nice system idle iowait irq softirq steal guest
	 * guest_nice}. Idle and iowait are idle; guest time is already inside user and nice, so only the first eight count.
	 */
	static Ticks parse(String cpuLine) {
		String[] fields = cpuLine.trim().split("\\s+");
		if (!fields[0].equals("cpu") || fields.length < 9) {
			throw new IllegalArgumentException("not the cpu line of /proc/stat: " + cpuLine);
		}
		long total = 0;
		for (int i = 1; i <= 8; i++) {
			total += Long.parseLong(fields[i]);
		}
		long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
		return new Ticks(total - idle, total);
	}

	@Override
	public void close() {
		this.sampler.shutdownNow();
	}

}
