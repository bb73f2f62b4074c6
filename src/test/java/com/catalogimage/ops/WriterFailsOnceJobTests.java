package com.catalogimage.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import com.catalogimage.generation.GeneratedImageWriter;
import com.catalogimage.generation.GenerationResult;
import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.support.Catalogs;
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
					if (!(bean instanceof GeneratedImageWriter writer)) {
						return bean;
					}
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
