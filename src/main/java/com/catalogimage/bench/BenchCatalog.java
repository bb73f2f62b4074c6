package com.catalogimage.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generated catalogs. The prompt carries the round's name, and the simulator draws each prompt's latency from it, so
 * every design of a round meets exactly the same latencies and each round meets different ones.
 */
final class BenchCatalog {

	private BenchCatalog() {
	}

	static Path write(Path file, int count, String round) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("sku,name,description,category\n");
			for (int i = 1; i <= count; i++) {
				out.write("%s-%06d,Bench %s product %d,Benchmark item %d,Bench\n".formatted(round, i, round, i, i));
			}
		}
		return file;
	}

}
