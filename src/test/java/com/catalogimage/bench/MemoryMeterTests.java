package com.catalogimage.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class MemoryMeterTests {

	private static final int MB = 1024 * 1024;

	/** Holds the block where the compiler cannot prove it unused. */
	private static volatile byte[] block;

	@Test
	void peakHeapCountsMemoryThatACollectionFreedBeforeTheRunEnded() {
		try (MemoryMeter meter = new MemoryMeter()) {
			meter.reset();
			// what earlier test classes left alive in this JVM (a fork runs many): the block comes on top of it
			long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
			block = new byte[96 * MB];
			block[block.length - 1] = 1;
			block = null;
			System.gc();
			// the collector's notification arrives on its own thread
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(meter.peakHeapBytes()).isGreaterThanOrEqualTo(96L * MB));
			assertThat(meter.liveAfterGcBytes()).as("what stayed alive after the collection, %d MB before the block",
					before / MB)
				.isLessThan(before + 48L * MB);
		}
	}

	@Test
	void resetForgetsWhatTheHeapHeldBeforeIt() throws Exception {
		try (MemoryMeter meter = new MemoryMeter()) {
			block = new byte[96 * MB];
			block[block.length - 1] = 1;
			block = null;
			// the reset's own collection frees the block; its notice may arrive after the reset returns
			meter.reset();
			long afterReset = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
			byte[] small = new byte[MB];
			small[0] = 1;
			System.gc();
			await().atMost(Duration.ofSeconds(10)).until(() -> meter.liveAfterGcBytes() > 0);
			assertThat(meter.peakHeapBytes()).as("%d MB in use after the reset", afterReset / MB)
				.isLessThan(afterReset + 48L * MB);
		}
	}

}
