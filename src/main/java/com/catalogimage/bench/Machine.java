package com.catalogimage.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.util.stream.Collectors;

/** The machine and JVM a benchmark ran on, for the table's header: numbers mean little without them. */
final class Machine {

	private Machine() {
	}

	static String describe() {
		RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
		String collectors = ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.map(GarbageCollectorMXBean::getName)
			.collect(Collectors.joining(", "));
		return """
				machine: %d cores, %s %s, %s %s; load average %s
				jvm: max heap %d MB, collectors [%s], flags %s"""
			.formatted(Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
					System.getProperty("java.runtime.version"), System.getProperty("os.name"),
					System.getProperty("os.arch"), loadAverage(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
					collectors, runtime.getInputArguments());
	}

	/** The 1-minute load average, or "n/a". */
	static String loadAverage() {
		double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		return load < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f", load);
	}

}
