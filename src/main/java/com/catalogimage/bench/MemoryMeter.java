package com.catalogimage.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Measures one run's memory in this JVM: the peak heap, the largest heap still in use right after a collection (what
 * the run actually kept alive, whereas the peak mostly shows how far the collector let the young generation grow), and
 * the peak resident set size from {@code /proc/self/status} (VmHWM, reset through {@code /proc/self/clear_refs} where
 * Linux allows it).
 * <p>
 * The peak heap is the most heap in use at any moment: between collections the heap only fills, so its highest point
 * is the usage just before some collection, or the usage when the run ends. Summing the pools' own peaks instead would
 * add up maxima reached at different moments (eden full before one collection, old generation full after another):
 * measured that way, a run under {@code -Xmx128m} showed a "peak" of 180 MB.
 */
final class MemoryMeter implements AutoCloseable {

	private static final Path STATUS = Path.of("/proc/self/status");

	private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

	private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans()
		.stream()
		.filter(pool -> pool.getType() == MemoryType.HEAP)
		.toList();

	private final Set<String> heapPoolNames = this.heapPools.stream()
		.map(MemoryPoolMXBean::getName)
		.collect(Collectors.toSet());

	/**
	 * The peaks since the last reset, with each collector's count of collections at that reset, in one value: a
	 * notice read against the old counts can then never land in the new peaks (the collector's notices arrive on their
	 * own thread, and the reset's own collection's notice may arrive while the reset is setting the peaks to zero).
	 */
	private final AtomicReference<Peaks> peaks = new AtomicReference<>(Peaks.since(Map.of()));

	private final NotificationListener onCollection = (notification, handback) -> {
		if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
				.from((CompositeData) notification.getUserData());
			long after = heapUsed(info.getGcInfo().getMemoryUsageAfterGc());
			long before = heapUsed(info.getGcInfo().getMemoryUsageBeforeGc());
			this.peaks.updateAndGet((current) -> current.with(info.getGcName(), info.getGcInfo().getId(), before, after));
		}
	};

	private boolean rssSinceReset;

	MemoryMeter() {
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (collector instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener(this.onCollection, null, null);
			}
		}
	}

	/** Collects garbage so the run starts from what is really live, then forgets all peaks. */
	void reset() {
		System.gc();
		this.peaks.set(Peaks.since(ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.collect(Collectors.toUnmodifiableMap(GarbageCollectorMXBean::getName,
					GarbageCollectorMXBean::getCollectionCount))));
		this.rssSinceReset = resetRss();
	}

	/** The most heap in use at once since {@link #reset()}. */
	long peakHeapBytes() {
		long now = this.heapPools.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
		return Math.max(now, this.peaks.get().usedBeforeGc());
	}

	/** The most heap in use right after any collection since {@link #reset()}; 0 if none ran. */
	long liveAfterGcBytes() {
		return this.peaks.get().liveAfterGc();
	}

	/** Peak RSS in bytes since {@link #reset()} (since JVM start where it cannot be reset), or -1 off Linux. */
	long peakRssBytes() {
		try {
			for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux
		}
		return -1;
	}

	/** Whether {@link #peakRssBytes()} counts from the last reset rather than from the JVM's start. */
	boolean rssSinceReset() {
		return this.rssSinceReset;
	}

	private long heapUsed(Map<String, MemoryUsage> usage) {
		return usage.entrySet()
			.stream()
			.filter(entry -> this.heapPoolNames.contains(entry.getKey()))
			.mapToLong(entry -> entry.getValue().getUsed())
			.sum();
	}

	/** Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0 and later). */
	private static boolean resetRss() {
		try {
			Files.writeString(CLEAR_REFS, "5", StandardCharsets.US_ASCII);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (collector instanceof NotificationEmitter emitter) {
				try {
					emitter.removeNotificationListener(this.onCollection);
				}
				catch (javax.management.ListenerNotFoundException ex) {
					// never added
				}
			}
		}
	}

	/**
	 * The peaks of the collections after a reset.
	 * @param collectionsAtReset each collector's count of collections at the reset: those belong to an earlier run
	 * @param usedBeforeGc the most heap in use just before any of them
	 * @param liveAfterGc the most heap in use just after any of them
	 */
	private record Peaks(Map<String, Long> collectionsAtReset, long usedBeforeGc, long liveAfterGc) {

		static Peaks since(Map<String, Long> collectionsAtReset) {
			return new Peaks(collectionsAtReset, 0, 0);
		}

		Peaks with(String collector, long collectionId, long before, long after) {
			if (collectionId <= this.collectionsAtReset.getOrDefault(collector, 0L)) {
				return this; // a late notice of a collection before the reset, e.g. the reset's own
			}
			return new Peaks(this.collectionsAtReset, Math.max(this.usedBeforeGc, before),
					Math.max(this.liveAfterGc, after));
		}

	}

}
