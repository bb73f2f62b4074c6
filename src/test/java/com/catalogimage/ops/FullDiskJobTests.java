package com.catalogimage.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.catalogimage.provider.ImageClient;
import com.catalogimage.provider.ImageFiles;
import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.support.Catalogs;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
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
 * The disk fills up under a run: the images the provider delivers cannot be saved. The run must not buy them again
 * (a retry fails the same way), must stop, must count what it paid, and must say which file and why. The full disk is
 * an in-memory file system with 64 bytes free standing in for the work folder the images are decoded into, so no root or
 * mount is needed; everything else is the job as shipped, against the simulator.
 */
@SpringBootTest(properties = { "imagebatch.generation.concurrency=2", "imagebatch.simulator.time-scale=0.002",
		"spring.datasource.url=jdbc:h2:mem:fulldisk;DB_CLOSE_DELAY=-1" })
class FullDiskJobTests {

	private static final int PRODUCTS = 12;

	/** The simulator prices its images as gemini-3.1-flash-image-preview at 1K, flat. */
	private static final BigDecimal FLAT_1K = new BigDecimal("0.067");

	static Path dir;

	static FileSystem smallDisk = Jimfs
		.newFileSystem(Configuration.unix().toBuilder().setBlockSize(64).setMaxSize(64).build());

	static final AtomicBoolean diskFull = new AtomicBoolean(true);

	@DynamicPropertySource
	static void paths(DynamicPropertyRegistry registry) throws IOException {
		dir = Files.createTempDirectory("full-disk");
		Path catalog = Catalogs.write(dir.resolve("products.csv"), PRODUCTS, "DISK");
		registry.add("imagebatch.catalog.input", catalog::toString);
		registry.add("imagebatch.output.dir", () -> dir.resolve("output").toString());
	}

	@AfterAll
	static void closeDisk() throws IOException {
		smallDisk.close();
	}

	@Autowired
	RunOperation run;

	@Autowired
	SimulatorServer simulator;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aFullDiskStopsTheRunWithoutBuyingAnyImageAgainAndTheRestartCompletesIt() throws Exception {
		// when: every image the provider delivers meets a full disk
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int first = this.run.run(null, false, print(out), print(err));
		// then: failed, each product touched was asked for once, and only the calls in flight were made
		String console = out.toString(StandardCharsets.UTF_8);
		String errors = err.toString(StandardCharsets.UTF_8);
		assertThat(first).as(console + errors).isEqualTo(ExitCodes.FAILED);
		Map<String, Integer> generations = this.simulator.stats().generationsByPrompt();
		assertThat(generations.values()).as("generations per product touched").containsOnly(1);
		assertThat(generations).as("no call after the gate closed, beyond the other worker's").hasSizeBetween(1, 2);
		assertThat(statusCount("PENDING")).as("nothing skipped, nothing lost").isEqualTo(PRODUCTS);
		// the money: the delivered calls were billed, though nothing was saved
		BigDecimal billed = FLAT_1K.multiply(BigDecimal.valueOf(generations.size()));
		assertThat(console).contains("cost $" + billed.setScale(4)).contains(generations.size() + " delivered images no product row prices");
		// the message: which file, why, and whose fault; no blame on the provider, no stack trace
		assertThat(errors).containsPattern("error: cannot write /work/image-[^ ]*\\.part: out of disk space; a fault on this machine, not the provider's")
			.doesNotContain("provider is failing")
			.doesNotContain("truncated-body")
			.doesNotContain("\tat ");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from generation_attempt where outcome = 'UNSAVED' and http_status = 200", Integer.class))
			.isEqualTo(generations.size());

		// when: the disk has room again and the same run continues
		diskFull.set(false);
		int second = this.run.run(null, false, print(new ByteArrayOutputStream()), print(new ByteArrayOutputStream()));
		// then: complete; only the images lost to the full disk were bought a second time
		assertThat(second).isEqualTo(ExitCodes.COMPLETED);
		assertThat(statusCount("GENERATED")).isEqualTo(PRODUCTS);
		assertThat(this.simulator.stats().generationsByPrompt()).hasSize(PRODUCTS);
		assertThat(this.simulator.stats().generations()).isEqualTo(PRODUCTS + generations.size());
	}

	private long statusCount(String status) {
		Long count = this.jdbc.queryForObject("select count(*) from catalog_item where status = ?", Long.class, status);
		return count == null ? 0 : count;
	}

	private static PrintStream print(ByteArrayOutputStream bytes) {
		return new PrintStream(bytes, true, StandardCharsets.UTF_8);
	}

	@TestConfiguration
	static class SmallDisk {

		/** Decodes the delivered images into the full disk while {@link #diskFull} is set. */
		@Bean
		static BeanPostProcessor imagesOntoTheFullDisk() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (!(bean instanceof ImageClient client)) {
						return bean;
					}
					Path full = smallDisk.getPath("/work");
					return (ImageClient) (request, files) -> client.generate(request,
							diskFull.get() ? ImageFiles.in(full) : files);
				}
			};
		}

	}

}
