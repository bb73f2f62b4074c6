package com.catalogimage.support;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

import com.catalogimage.provider.BatchImageClient;
import com.catalogimage.provider.BatchOutcome;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.provider.ResultSource;
import com.catalogimage.provider.gemini.GeminiBatchClient;
import com.catalogimage.provider.openai.OpenAiBatchClient;
import org.springframework.util.unit.DataSize;

/**
 * Reads a batch result file with the real client in a JVM of its own, so a test (or a person) can run it with a small
 * heap: {@code ResultStreamProbe <gemini|openai> <base URL> <work folder>}. Prints
 * {@code line <index> <key> <bytes> <sha256>} per delivered image, then the heap's limit and the peak its pools
 * reached.
 */
public final class ResultStreamProbe {

	private ResultStreamProbe() {
	}

	public static void main(String[] args) {
		boolean gemini = args[0].equals("gemini");
		ProviderProperties properties = Clients.properties(args[0], DataSize.ofMegabytes(64));
		BatchImageClient client = gemini
				? new GeminiBatchClient(Clients.http(properties), args[1], () -> null, properties, Clients.redactor(null))
				: new OpenAiBatchClient(Clients.http(properties), args[1], () -> null, properties, Clients.redactor(null));
		ResultSource source = new ResultSource(ResultSource.Kind.FILE, gemini ? "files/synthetic" : "file-synthetic");
		long[] delivered = new long[2];
		client.readResults(source, 0, Path.of(args[2]), line -> {
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
