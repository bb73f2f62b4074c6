package com.catalogimage.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.catalogimage.generation.GenerationResult;
import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.support.Catalogs;
import com.catalogimage.support.CsvFiles;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chunk whose write fails is rolled back; the restart re-processes it. Its images were received before the
 * failure, so the re-run finds them in the cache and no product of that chunk is requested from the provider twice.
 */
@SpringBootTest(properties = { "imagebatch.generation.chunk-size=5", "imagebatch.generation.concurrency=2",
		"imagebatch.simulator.time-scale=0.002", "spring.datasource.url=jdbc:h2:mem:writerfails;DB_CLOSE_DELAY=-1" })
class WriterFailsOnceJobTests {

	private static final String FAILING_SKU = "WF-0007";

	/** The simulator prices its images as gemini-3.1-flash-image-preview at 1K, flat. */
	private static final BigDecimal FLAT_1K = new BigDecimal("0.067");

	static Path dir;

	@DynamicPropertySource
	static void paths(DynamicPropertyRegistry registry) throws IOException {
		dir = Files.createTempDirectory("writer-fails");
		Path catalog = Catalogs.write(dir.resolve("products.csv"), 20, "WF");
		registry.add("imagebatch.catalog.input", catalog::toString);
		registry.add("imagebatch.output.dir", () -> dir.resolve("output").toString());
	}

	@Autowired
	RunOperation run;

	@Autowired
	SimulatorServer simulator;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void noProductOfTheRolledBackChunkIsRequestedTwice() throws Exception {
		// when: the chunk holding WF-0007 fails to write once
		int first = this.run.run(null, false, quiet(), quiet());
		// then
		assertThat(first).isEqualTo(ExitCodes.FAILED);
		assertThat(this.jdbc.queryForObject("select status from catalog_item where sku = ?", String.class, FAILING_SKU))
			.isEqualTo("PENDING");
		// when: the same run again
		int second = this.run.run(null, false, quiet(), quiet());
		// then
		assertThat(second).isEqualTo(ExitCodes.COMPLETED);
		assertThat(this.jdbc.queryForObject("select count(*) from generation_result", Integer.class)).isEqualTo(20);
		assertThat(this.jdbc.queryForObject("select r.status from generation_result r join catalog_item c on c.id = r.item_id where c.sku = ?",
				String.class, FAILING_SKU))
			.isEqualTo("CACHED");
		assertThat(this.simulator.stats().requestsByPrompt()).hasSize(20);
		assertThat(this.simulator.stats().requestsByPrompt().values()).as("requests per product").containsOnly(1);
		// the rolled-back chunk's images were paid for once, by the first execution: the summary counts them,
		// although their rows show CACHED at no cost
		Integer cached = this.jdbc.queryForObject("select count(*) from generation_result where status = 'CACHED'",
				Integer.class);
		BigDecimal rows = this.jdbc.queryForObject("select sum(cost_usd) from generation_result", BigDecimal.class);
		Map<String, String> summary = CsvFiles.summary(dir.resolve("output/summary.csv"));
		assertThat(summary).containsEntry("unrecorded_images", String.valueOf(cached));
		assertThat(new BigDecimal(summary.get("cost_usd")))
			.isEqualByComparingTo(rows.add(FLAT_1K.multiply(BigDecimal.valueOf(cached))));
	}

	private static PrintStream quiet() {
		return new PrintStream(new ByteArrayOutputStream());
	}

	@TestConfiguration
	static class FailOnce {

		@Bean
		static BeanPostProcessor failingWriter() {
			AtomicBoolean failed = new AtomicBoolean();
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					// the generate step's one writer (its class is the generation package's own)
					if (!(bean instanceof ItemWriter<?> any)) {
						return bean;
					}
					@SuppressWarnings("unchecked")
					ItemWriter<GenerationResult> writer = (ItemWriter<GenerationResult>) any;
					return (ItemWriter<GenerationResult>) chunk -> {
						boolean target = chunk.getItems().stream().anyMatch(r -> r.item().sku().equals(FAILING_SKU));
						if (target && failed.compareAndSet(false, true)) {
							throw new IllegalStateException("injected write failure");
						}
						writer.write((Chunk<GenerationResult>) chunk);
					};
				}
			};
		}

	}

}
