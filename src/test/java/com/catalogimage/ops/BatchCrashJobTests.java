package com.catalogimage.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.catalogimage.provider.BatchImageClient;
import com.catalogimage.provider.BatchStatus;
import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.support.Catalogs;
import com.catalogimage.support.DelegatingBatchClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process dies at the two moments batch mode must survive without paying twice, played by a client around the
 * real one that throws (as a killed process would stop) right after a call the provider carried out: after create
 * returned, before its answer was recorded; and while polling. The same run again must follow the batch that exists,
 * creating none for the same products.
 */
@SpringBootTest(properties = { "imagebatch.batch.mode=batch", "imagebatch.batch.poll=50ms",
		"imagebatch.simulator.time-scale=0.002", "imagebatch.simulator.batch.delay=100s",
		"imagebatch.generation.rpm=60000", "spring.datasource.url=jdbc:h2:mem:batchcrash;DB_CLOSE_DELAY=-1" })
class BatchCrashJobTests {

	/** Which call of the batch client "kills the process" once, after the provider carried it out. */
	enum Crash {

		NONE, AFTER_CREATE, WHILE_POLLING

	}

	static volatile Crash crash = Crash.NONE;

	static Path dir;

	@DynamicPropertySource
	static void paths(DynamicPropertyRegistry registry) throws IOException {
		dir = Files.createTempDirectory("batch-crash");
		Path catalog = Catalogs.write(dir.resolve("products.csv"), 7, "CRASH");
		registry.add("imagebatch.catalog.input", catalog::toString);
		registry.add("imagebatch.output.dir", () -> dir.resolve("output").toString());
	}

	@Autowired
	RunOperation run;

	@Autowired
	SimulatorServer simulator;

	@Autowired
	JdbcTemplate jdbc;

	/** Each test buys the catalog afresh: no image of the other test's run in the cache or the manifest. */
	@BeforeEach
	void freshSimulatorAndOutput() throws IOException {
		this.simulator.reset();
		this.jdbc.update("delete from image_manifest");
		FileSystemUtils.deleteRecursively(dir.resolve("output"));
	}

	@Test
	void aCrashBetweenCreateAndRecordingItCreatesNoSecondBatchForTheSameProducts() throws Exception {
		// when: the answer of the create call is lost
		crash = Crash.AFTER_CREATE;
		int first = this.run.run("crash-after-create", false, quiet(), quiet());
		// then: the batch exists at the provider, only its intent here
		assertThat(first).isEqualTo(ExitCodes.FAILED);
		long instance = instance("crash-after-create");
		assertThat(this.jdbc.queryForList(
				"select state || ' ' || coalesce(provider_name, '-') from provider_batch where job_instance_id = ?",
				String.class, instance)).containsExactly("INTENT -");
		assertThat(this.simulator.stats().batches()).containsEntry("created", 1L);
		// when: the same run again
		int second = this.run.run("crash-after-create", false, quiet(), quiet());
		// then: it found that batch by its display name and harvested it
		assertThat(second).isEqualTo(ExitCodes.COMPLETED);
		assertThat(this.simulator.stats().batches()).containsEntry("created", 1L);
		assertEveryProductBoughtOnceByTheOneBatch(instance);
	}

	@Test
	void aCrashWhilePollingResumesTheSameBatch() throws Exception {
		// when: the process dies while it waits for the batch
		crash = Crash.WHILE_POLLING;
		int first = this.run.run("crash-while-polling", false, quiet(), quiet());
		// then
		assertThat(first).isEqualTo(ExitCodes.FAILED);
		long instance = instance("crash-while-polling");
		String batch = this.jdbc.queryForObject("select provider_name from provider_batch where job_instance_id = ?",
				String.class, instance);
		assertThat(batch).isNotNull();
		// when
		int second = this.run.run("crash-while-polling", false, quiet(), quiet());
		// then: the same batch, polled again and harvested
		assertThat(second).isEqualTo(ExitCodes.COMPLETED);
		assertThat(this.simulator.stats().batches()).containsEntry("created", 1L);
		assertThat(this.jdbc.queryForList("select distinct batch_id from generation_result where job_instance_id = ?",
				String.class, instance)).containsExactly(batch);
		assertEveryProductBoughtOnceByTheOneBatch(instance);
	}

	private void assertEveryProductBoughtOnceByTheOneBatch(long instance) {
		assertThat(this.jdbc.queryForList(
				"select state || ' ' || (harvested_at is not null) from provider_batch where job_instance_id = ?",
				String.class, instance)).containsExactly("SUCCEEDED TRUE");
		assertThat(this.jdbc.queryForList("select distinct status from catalog_item where job_instance_id = ?",
				String.class, instance)).containsExactly("GENERATED");
		for (int i = 1; i <= 7; i++) {
			String prompt = Catalogs.prompt("CRASH", i);
			assertThat(this.simulator.stats().batchRequestsFor(prompt)).as(prompt).isEqualTo(1);
			assertThat(this.simulator.stats().billedFor(prompt)).as(prompt).isEqualTo(1);
		}
	}

	private long instance(String runId) {
		return this.jdbc.queryForObject("""
				select e.job_instance_id from batch_job_execution_params p join batch_job_execution e
				  on e.job_execution_id = p.job_execution_id
				where p.parameter_name = 'run.id' and p.parameter_value = ? fetch first 1 rows only""", Long.class,
				runId);
	}

	private static PrintStream quiet() {
		return new PrintStream(new ByteArrayOutputStream());
	}

	@TestConfiguration
	static class DyingProcess {

		@Bean
		static BeanPostProcessor dyingBatchClient() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					return bean instanceof BatchImageClient client ? new Dying(client) : bean;
				}
			};
		}

	}

	/** The real client; the call {@link #crash} names is carried out, then the "process dies" once. */
	static final class Dying extends DelegatingBatchClient {

		Dying(BatchImageClient client) {
			super(client);
		}

		@Override
		public BatchStatus create(String model, String inputFile, String displayName) {
			BatchStatus created = super.create(model, inputFile, displayName);
			dieIf(Crash.AFTER_CREATE);
			return created;
		}

		@Override
		public BatchStatus get(String batchId) {
			BatchStatus status = super.get(batchId);
			dieIf(Crash.WHILE_POLLING);
			return status;
		}

		private static void dieIf(Crash moment) {
			if (crash == moment) {
				crash = Crash.NONE;
				throw new IllegalStateException("killed (" + moment + ")");
			}
		}

	}

}
