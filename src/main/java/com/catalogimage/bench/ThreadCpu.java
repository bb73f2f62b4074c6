package com.catalogimage.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The CPU of this process's threads by group, read from {@code /proc/self/task/<tid>/stat}: a figure of CPU per
 * image means little until it says how much of it was the job's workers and how much the JIT compiler, the collector,
 * the HTTP client's own threads or the simulator in the same process. The totals per group only grow: a thread that
 * has exited keeps counting with the CPU it had when last read, so a group's CPU between two readings is a
 * difference of totals even when threads came and went in between (what a thread used after its last reading is
 * lost to its group and shows in {@link Group#REST}, which is computed as the process's CPU less the groups).
 */
final class ThreadCpu {

	/** The kernel's {@code USER_HZ}, the unit of {@code utime} and {@code stime}: 100 on every Linux ABI Java runs on. */
	static final long NANOS_PER_TICK = 10_000_000L;

	/** Thread groups, recognised by the thread's name as the kernel keeps it (the first 15 bytes). */
	enum Group {

		/** The step's worker threads ({@code SimpleAsyncTaskExecutor("generate-")}). */
		WORKERS("workers"),
		/** HotSpot's compiler threads: {@code C2 CompilerThre}, {@code C1 CompilerThre}. */
		JIT("jit"),
		/**
		 * The collector's threads, and HotSpot's {@code VM Thread}, which runs the serial collector (chosen on small
		 * machines) and the other safepoint operations.
		 */
		GC("gc"),
		/**
		 * The JDK {@code HttpClient}'s selector and executor threads ({@code HttpClient-N-...}), and the threads that
		 * send the requests and wait for their headers ({@code provider-http-N}).
		 */
		HTTP_CLIENT("http_client"),
		/** The in-process simulator: its request threads and its {@code HttpServer}'s dispatcher. */
		SIMULATOR("simulator"),
		/** The bench's own CPU sampler. */
		BENCH("bench"),
		/**
		 * Everything else: the process's CPU less the groups above, so it also holds threads that lived between two
		 * readings (the baselines start a worker thread per item or partition).
		 */
		REST("rest");

		private final String label;

		Group(String label) {
			this.label = label;
		}

		String label() {
			return this.label;
		}

		/** The group of a thread by its kernel name; REST when none matches. */
		static Group of(String comm) {
			if (comm.startsWith("generate-")) {
				return WORKERS;
			}
			if (comm.startsWith("C2 CompilerThre") || comm.startsWith("C1 CompilerThre")) {
				return JIT;
			}
			if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.equals("VM Thread")) {
				return GC;
			}
			if (comm.startsWith("HttpClient-") || comm.startsWith("provider-http-")) {
				return HTTP_CLIENT;
			}
			if (comm.startsWith("simulator-") || comm.equals("HTTP-Dispatcher")) {
				return SIMULATOR;
			}
			if (comm.startsWith("bench-cpu-sampl")) {
				return BENCH;
			}
			return REST;
		}

	}

	/**
	 * One line of {@code /proc/<pid>/task/<tid>/stat}.
	 *
	 * @param comm the thread's name as the kernel keeps it
	 * @param ticks {@code utime + stime}, in clock ticks
	 * @param startTicks when the thread started, in clock ticks after boot: with the tid, it names the thread even
	 * when the kernel reuses a tid
	 */
	record Stat(String comm, long ticks, long startTicks) {

		/**
		 * Parses a stat line. The name sits between the first {@code (} and the last {@code )}, and may itself hold
		 * spaces and parentheses; the fields after it are counted from there ({@code state} is field 3).
		 */
		static @Nullable Stat parse(String line) {
			int open = line.indexOf('(');
			int close = line.lastIndexOf(')');
			if (open < 0 || close < open) {
				return null;
			}
			String[] fields = line.substring(close + 1).trim().split(" +");
			// fields[0] is field 3 (state): utime is field 14, stime 15, starttime 22
			if (fields.length < 20) {
				return null;
			}
			try {
				return new Stat(line.substring(open + 1, close), Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
						Long.parseLong(fields[19]));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

	}

	private record Key(long tid, long startTicks) {
	}

	private record Seen(Group group, long ticks) {
	}

	private final Path tasks;

	private Map<Key, Seen> alive = new HashMap<>();

	private final long[] exitedTicks = new long[Group.values().length];

	ThreadCpu(Path tasks) {
		this.tasks = tasks;
	}

	/** This process's threads; null when {@code /proc} is not there to be read. */
	static @Nullable ThreadCpu ofThisProcess() {
		Path tasks = Path.of("/proc/self/task");
		return Files.isDirectory(tasks) ? new ThreadCpu(tasks) : null;
	}

	/**
	 * Reads every thread and returns each group's CPU so far, in nanoseconds, indexed by {@link Group#ordinal()};
	 * {@link Group#REST} is left 0 for the caller to compute.
	 */
	long[] read() {
		Map<Key, Seen> now = new HashMap<>();
		try (DirectoryStream<Path> threads = Files.newDirectoryStream(this.tasks)) {
			for (Path thread : threads) {
				Stat stat = readStat(thread.resolve("stat"));
				if (stat != null) {
					now.put(new Key(Long.parseLong(thread.getFileName().toString()), stat.startTicks()),
							new Seen(Group.of(stat.comm()), stat.ticks()));
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// a reading that fails leaves the totals where they were
			return totals(this.alive);
		}
		for (Map.Entry<Key, Seen> before : this.alive.entrySet()) {
			if (!now.containsKey(before.getKey())) {
				this.exitedTicks[before.getValue().group().ordinal()] += before.getValue().ticks();
			}
		}
		this.alive = now;
		return totals(now);
	}

	private long[] totals(Map<Key, Seen> threads) {
		long[] nanos = new long[Group.values().length];
		for (Group group : Group.values()) {
			nanos[group.ordinal()] = this.exitedTicks[group.ordinal()] * NANOS_PER_TICK;
		}
		for (Seen thread : threads.values()) {
			nanos[thread.group().ordinal()] += thread.ticks() * NANOS_PER_TICK;
		}
		nanos[Group.REST.ordinal()] = 0;
		return nanos;
	}

	private static @Nullable Stat readStat(Path file) {
		try {
			return Stat.parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			// the thread exited between the listing and the read
			return null;
		}
	}

}
