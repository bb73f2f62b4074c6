package com.catalogimage.bench;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Prints the benchmark: a header (machine, JVM, settings), a progress line per run, then one table of all runs, the
 * medians per design with each baseline's throughput as a ratio of the shared feed's in the same round, and last the
 * machine-readable line {@code share_of_limit=<ratio> share_of_ideal=<ratio> images_per_min=<n> peak_heap_mb=<n>
 * cpu_ms_per_image=<ms> cpu_ms_per_image_job=<ms> cpu_ms_<group>=<ms>...} (medians of the shared feed, or of the first design run when the shared feed was not).
 */
final class BenchReport {

	private static final double MB = 1024 * 1024;

	private static final String ROW = "%-3s %-16s %7s %10s %7s %8s %8s %9s %6s %8s %8s %5s %7s %7s %6s %5s %5s  %s";

	private final BenchSettings settings;

	private final PrintStream out;

	BenchReport(BenchSettings settings, PrintStream out) {
		this.settings = settings;
		this.out = out;
	}

	void header(String machine) {
		this.out.println(machine);
		this.out.println("bench: " + this.settings.describe());
		this.out.flush();
	}

	void warmUp(Measurement warmUp, boolean rssSinceReset) {
		this.out.println(format("warm-up (not counted): %d products %s in %.1f s, %s", warmUp.items(),
				warmUp.design().label(), warmUp.generateSeconds(), warmUp.status()));
		if (!rssSinceReset) {
			this.out.println("note: /proc/self/clear_refs is not writable here: peak RSS counts from the JVM's start");
		}
		this.out.flush();
	}

	void progress(Measurement m) {
		this.out.println(format(
				"run %d %-16s %.2f s, %.0f images/min, %.3f of the limit, CPU %.0f %%, peak heap %.0f MB, load %s",
				m.round(), m.design().label(), m.generateSeconds(), m.imagesPerMinute(), m.shareOfLimit(),
				m.cpuShare() * 100, m.memory().peakHeapBytes() / MB, Machine.loadAverage()));
		this.out.flush();
	}

	void table(List<Measurement> measurements, String loadAtEnd) {
		this.out.println();
		this.out.println(ROW.formatted("run", "design", "stage_s", "generate_s", "images", "img/min", "mean_ms",
				"limit/min", "share", "ideal_s", "of_ideal", "cpu%", "heap_mb", "live_mb", "rss_mb", "429s", "in_fl",
				"status"));
		for (Measurement m : measurements) {
			this.out.println(ROW.formatted(m.round(), m.design().label(), fixed(m.facts().stage().toNanos() / 1e9, 2),
					fixed(m.generateSeconds(), 2), m.facts().generated(), fixed(m.imagesPerMinute(), 0),
					fixed(m.simulator().meanServiceMs(), 1), fixed(m.limitPerMinute(), 0), fixed(m.shareOfLimit(), 3),
					fixed(m.idealSeconds(), 2), fixed(m.shareOfIdeal(), 3),
					fixed(m.cpuShare() * 100, 0), fixed(m.memory().peakHeapBytes() / MB, 0),
					fixed(m.memory().liveHeapBytes() / MB, 0),
					m.memory().peakRssBytes() < 0 ? "n/a" : fixed(m.memory().peakRssBytes() / MB, 0),
					m.simulator().rateLimited(), m.simulator().maxInFlight(), m.status()));
		}
		this.out.println();
		for (Measurement m : measurements) {
			this.out.println(format("run %d %s: job %.2f s in all; per image: call %.1f ms as the client saw it, "
					+ "slot time beyond the call %.1f ms%s, CPU %.1f ms (simulator %.1f); %s; job repository rows %d "
					+ "(%s)", m.round(), m.design().label(), m.facts().total().toNanos() / 1e9,
					perImage(m, m.facts().apiMillis()), m.slotOverheadMillis(), rampAndTail(m), m.cpuMillisPerImage(),
					m.simulatorCpuMillisPerImage(), inFlight(m), m.facts().batchRows(), m.facts().rows()));
			this.out.println("  " + cpuByThread(m));
		}
		this.out.println();
		this.out.println("medians over " + this.settings.runs() + " run(s); load average at the end " + loadAtEnd);
		for (Design design : this.settings.designs()) {
			List<Measurement> runs = of(measurements, design);
			String ratio = design == Design.SHARED_FEED || !this.settings.designs().contains(Design.SHARED_FEED) ? ""
					: format(", %.2f x the shared feed's images/min in the same round",
							median(ratios(measurements, design)));
			this.out.println(format("  %-16s share %.3f, of the ideal %.3f, calls in flight below %d for %.1f %% of "
					+ "the time before the tail, %.0f images/min, peak heap %.0f MB, peak RSS %.0f MB%s",
					design.label(), median(runs, Measurement::shareOfLimit), median(runs, Measurement::shareOfIdeal),
					this.settings.concurrency(), median(runs, m -> m.facts().slots().inFlight().shareBelow() * 100),
					median(runs, Measurement::imagesPerMinute),
					median(runs, m -> m.memory().peakHeapBytes() / MB),
					median(runs, m -> m.memory().peakRssBytes() / MB), ratio));
		}
		Design headline = this.settings.designs().contains(Design.SHARED_FEED) ? Design.SHARED_FEED
				: this.settings.designs().get(0);
		List<Measurement> runs = of(measurements, headline);
		StringBuilder cpu = new StringBuilder(format(" cpu_ms_per_image=%.1f cpu_ms_per_image_job=%.1f",
				median(runs, Measurement::cpuMillisPerImage), median(runs, Measurement::jobCpuMillisPerImage)));
		for (ThreadCpu.Group group : ThreadCpu.Group.values()) {
			cpu.append(format(" cpu_ms_%s=%.1f", group.label(), median(runs, m -> m.cpuMillisPerImage(group))));
		}
		this.out.println(format("share_of_limit=%.3f share_of_ideal=%.3f images_per_min=%.0f peak_heap_mb=%.0f",
				median(runs, Measurement::shareOfLimit), median(runs, Measurement::shareOfIdeal),
				median(runs, Measurement::imagesPerMinute),
				median(runs, m -> m.memory().peakHeapBytes() / MB)) + cpu);
		this.out.flush();
	}

	/** The generate step's CPU per image by thread group, and the job's part: what the CPU figure is made of. */
	static String cpuByThread(Measurement m) {
		if (m.cpuByGroup().isEmpty()) {
			return format("CPU per image by thread: not measured (no /proc/self/task); job only %.1f ms",
					m.jobCpuMillisPerImage());
		}
		StringBuilder line = new StringBuilder("CPU per image by thread, ms:");
		for (ThreadCpu.Group group : ThreadCpu.Group.values()) {
			line.append(format(" %s %.1f,", group.label(), m.cpuMillisPerImage(group)));
		}
		return line.append(format(" job only (all but the simulator and bench) %.1f", m.jobCpuMillisPerImage()))
			.toString();
	}

	/** What the slot time beyond the call went to, where the job repository tells. */
	private static String rampAndTail(Measurement m) {
		String rateWait = format("rate limiter %.1f", perImage(m, m.facts().rateWaitMillis()));
		if (m.facts().workers().isEmpty()) {
			return " (" + rateWait + ")";
		}
		long[] lost = m.facts().rampAndTailMillis();
		return format(" (%s, workers starting %.1f, end-of-step tail %.1f)", rateWait, perImage(m, lost[0]),
				perImage(m, lost[1]));
	}

	/** The calls in flight before the tail, and the tail: where the ideal schedule's lead over the run comes from. */
	private static String inFlight(Measurement m) {
		SlotUse slots = m.facts().slots();
		long generated = Math.max(1, m.facts().generated());
		return format("ideal schedule %.2f s with the simulator's service times, %.2f s with the calls as the client "
				+ "measured them; calls in flight below %d for %.1f %% of the %.2f s before the last call started (%.2f "
				+ "in flight on average), then a tail of %.2f s; idle slot time per image %.1f ms before the tail, "
				+ "%.1f ms in it", m.idealSeconds(), slots.clientIdealMakespan().toNanos() / 1e9, m.concurrency(),
				slots.inFlight().shareBelow() * 100, slots.beforeTail().toNanos() / 1e9,
				slots.inFlight().meanInFlight(), slots.tail().toNanos() / 1e9,
				slots.idleBeforeTail(m.concurrency()) / 1e6 / generated,
				slots.idleInTail(m.concurrency()) / 1e6 / generated);
	}

	private static double perImage(Measurement m, long millis) {
		return m.facts().generated() == 0 ? 0.0 : (double) millis / m.facts().generated();
	}

	/** A baseline's images/min over the shared feed's, round by round. */
	private static List<Double> ratios(List<Measurement> measurements, Design design) {
		return of(measurements, design).stream()
			.map(baseline -> of(measurements, Design.SHARED_FEED).stream()
				.filter(feed -> feed.round() == baseline.round())
				.findFirst()
				.map(feed -> baseline.imagesPerMinute() / feed.imagesPerMinute())
				.orElse(Double.NaN))
			.toList();
	}

	private static List<Measurement> of(List<Measurement> measurements, Design design) {
		return measurements.stream().filter(m -> m.design() == design).toList();
	}

	private static double median(List<Measurement> runs, ToDoubleFunction<Measurement> value) {
		return median(runs.stream().map(value::applyAsDouble).toList());
	}

	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		int middle = sorted.size() / 2;
		return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static String fixed(double value, int decimals) {
		return String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	private static String format(String pattern, Object... args) {
		return String.format(Locale.ROOT, pattern, args);
	}

}
