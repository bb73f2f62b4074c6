package com.catalogimage.provider.gemini;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.catalogimage.provider.BatchLimits;
import com.catalogimage.provider.BatchOutcome;
import com.catalogimage.provider.ResultSource;
import com.catalogimage.provider.SecretRedactor;
import com.catalogimage.support.Clients;
import org.springframework.util.unit.DataSize;

/**
 * Reads a Gemini batch result file with the real client in a JVM of its own, so a test (or a person) can run it with a
 * small heap: {@code ResultStreamProbe <base URL> <work folder>}. Prints {@code line <index> <key> <bytes> <sha256>}
 * per delivered image, then the heap's limit and the peak its pools reached.
 */
public final class ResultStreamProbe {

	private ResultStreamProbe() {
	}

	public static void main(String[] args) {
		GeminiBatchClient client = new GeminiBatchClient(
				Clients.http(Clients.properties("gemini", DataSize.ofMegabytes(64))), args[0], () -> null,
				Duration.ofMinutes(1), Duration.ofHours(2), new SecretRedactor(List.of()), GeminiBatchClient.LIMITS);
		long[] delivered = new long[2];
		client.readResults(new ResultSource(ResultSource.Kind.FILE, "files/synthetic"), 0, Path.of(args[1]), line -> {
			if (line.outcome() instanceof BatchOutcome.Delivered image) {
				delivered[0]++;
				delivered[1] += image.image().bytes();
				System.out.println("line " + line.index() + " " + line.key() + " " + image.image().bytes() + " "
						+ image.image().sha256());
			}
			else {
				System.out.println("failed " + line.index() + " " + line.outcome());
			}
		});
		long peak = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.map(MemoryPoolMXBean::getPeakUsage)
			.mapToLong(usage -> usage.getUsed())
			.sum();
		System.out.println("images " + delivered[0] + " bytes " + delivered[1]);
		System.out.println("max-heap " + Runtime.getRuntime().maxMemory());
		System.out.println("peak-heap " + peak);
	}

}
