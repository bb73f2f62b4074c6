package com.catalogimage.provider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.catalogimage.support.ResultStreamProbe;
import com.catalogimage.support.SyntheticResultServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch result file is read as a stream whatever its size, in both wire formats: about 200 MB of images, generated
 * while sent, read in a JVM whose heap (32 MB) is smaller than its largest line's image (96 MB, 128 MB as base64). A
 * reader that held a line, or a decoded image, would die of OutOfMemoryError; this one must deliver every image byte
 * for byte.
 */
class BatchResultStreamingTests {

	private static final long LARGEST = 96L * 1024 * 1024;

	@TempDir
	Path work;

	@ParameterizedTest
	@EnumSource(SyntheticResultServer.Shape.class)
	void aResultFileWhoseLineIsLargerThanTheHeapIsStreamedImageByImage(SyntheticResultServer.Shape shape)
			throws IOException, InterruptedException {
		// given: 52 images of 2 MB around one of 96 MB, about 200 MB in all
		List<Long> sizes = new ArrayList<>(Collections.nCopies(52, 2L * 1024 * 1024));
		sizes.add(26, LARGEST);
		try (SyntheticResultServer server = new SyntheticResultServer(shape, sizes)) {
			// when
			Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx32m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
					ResultStreamProbe.class.getName(), shape.name().toLowerCase(Locale.ROOT), server.baseUrl(),
					this.work.toString())
				.redirectErrorStream(true)
				.start();
			byte[] output = probe.getInputStream().readAllBytes();
			boolean ended = probe.waitFor(3, TimeUnit.MINUTES);
			String printed = new String(output, StandardCharsets.UTF_8);
			// then
			assertThat(ended).isTrue();
			assertThat(probe.exitValue()).as(printed).isZero();
			List<String> lines = printed.lines().filter(line -> line.startsWith("line ")).toList();
			assertThat(lines).hasSize(sizes.size());
			for (int i = 0; i < sizes.size(); i++) {
				assertThat(lines.get(i)).isEqualTo("line " + i + " k" + i + " " + sizes.get(i) + " " + server.sha256(i));
			}
			long maxHeap = value(printed, "max-heap ");
			assertThat(maxHeap).as("the test means something only if the largest image cannot fit in the heap")
				.isLessThan(LARGEST);
			try (var left = Files.list(this.work)) {
				assertThat(left).as("no image is left on disk").isEmpty();
			}
		}
	}

	private static long value(String printed, String prefix) {
		return printed.lines()
			.filter(line -> line.startsWith(prefix))
			.map(line -> Long.parseLong(line.substring(prefix.length()).trim()))
			.findFirst()
			.orElseThrow();
	}

}
