package com.catalogimage.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import com.catalogimage.run.JobIdentity;
import com.catalogimage.support.MigratedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The stage step on a catalog larger than one batch: it commits batch by batch instead of holding the whole catalog
 * in one transaction, and still ends with nothing staged unless it completed.
 */
class CatalogStagingTaskletTests {

	@TempDir
	Path folder;

	private final JdbcTemplate jdbc = MigratedDatabase.h2();

	/** What another connection saw committed each time the tasklet compared a batch with the manifest. */
	private final List<Long> committedWhenAsked = new CopyOnWriteArrayList<>();

	@Test
	void eachBatchIsComparedWithTheManifestAfterThePreviousIsCommitted() throws IOException {
		// given
		Path catalog = catalog(2500, -1);
		StepExecution step = step(catalog);
		// when
		new TransactionTemplate(transactionManager())
			.executeWithoutResult(status -> execute(step));
		// then: the manifest was asked about each batch of 1,000 in turn, after the previous one was committed
		assertThat(this.committedWhenAsked).containsExactly(0L, 1000L, 2000L);
		assertThat(committed()).isEqualTo(2500);
	}

	@Test
	void theNextBatchIsReadWhileOneIsBeingCommitted() throws IOException {
		// given: committing the first batch waits until the staging has read half of the second
		Path catalog = catalog(2500, -1);
		StepExecution step = step(catalog);
		StepContribution contribution = new StepContribution(step);
		AtomicBoolean readOnWhileCommitting = new AtomicBoolean();
		CatalogStagingTasklet tasklet = tasklet(fingerprints -> {
			if (this.committedWhenAsked.size() == 1) {
				// one thread doing both would wait here for rows it can never read: the wait would time out
				await().atMost(Duration.ofSeconds(10)).until(() -> contribution.getReadCount() >= 1500);
				readOnWhileCommitting.set(true);
			}
		});
		// when
		new TransactionTemplate(transactionManager()).executeWithoutResult(status -> {
			try {
				tasklet.execute(contribution, new ChunkContext(new StepContext(step)));
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
		// then
		assertThat(readOnWhileCommitting).isTrue();
		assertThat(this.committedWhenAsked).containsExactly(0L, 1000L, 2000L);
		assertThat(committed()).isEqualTo(2500);
		assertThat(contribution.getWriteCount()).isEqualTo(2500);
	}

	@Test
	void aStagingThatFailsPartWayLeavesNothingStaged() throws IOException {
		// given: a quote never closed on line 2,302, after two batches were committed
		Path catalog = catalog(2500, 2300);
		StepExecution step = step(catalog);
		CatalogStagingTasklet tasklet = tasklet();
		// when
		assertThatThrownBy(() -> new TransactionTemplate(transactionManager())
			.executeWithoutResult(status -> execute(tasklet, step))).isInstanceOf(CatalogFormatException.class)
			.hasMessageContaining("line 2302");
		assertThat(committed()).isEqualTo(2000);
		step.setStatus(BatchStatus.FAILED);
		tasklet.afterStep(step);
		// then
		assertThat(committed()).isZero();
	}

	private void execute(StepExecution step) {
		execute(tasklet(), step);
	}

	private static void execute(CatalogStagingTasklet tasklet, StepExecution step) {
		try {
			tasklet.execute(new StepContribution(step), new ChunkContext(new StepContext(step)));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private CatalogStagingTasklet tasklet() {
		return tasklet(fingerprints -> {
		});
	}

	/** A tasklet whose manifest holds no image and runs {@code whenAsked} each time it is asked about a batch. */
	private CatalogStagingTasklet tasklet(Consumer<Map<String, String>> whenAsked) {
		ManifestDiff manifest = new ManifestDiff() {
			@Override
			public long recordRemoved(long jobInstanceId, boolean prune) {
				return 0;
			}

			@Override
			public Set<String> current(Map<String, String> fingerprintsBySku) {
				CatalogStagingTaskletTests.this.committedWhenAsked.add(committed());
				whenAsked.accept(fingerprintsBySku);
				return Set.of();
			}
		};
		return new CatalogStagingTasklet(new CatalogItemRepository(this.jdbc),
				new ProductFingerprinter("simulator", "model"), new PromptTemplate("Photo of {name}."), "1K", "1:1",
				manifest, Selection.INCREMENTAL, transactionManager());
	}

	private DataSourceTransactionManager transactionManager() {
		return new DataSourceTransactionManager(this.jdbc.getDataSource());
	}

	/** Rows committed, as a separate connection sees them. */
	private long committed() {
		try (var connection = this.jdbc.getDataSource().getConnection();
				var statement = connection.createStatement();
				var rows = statement.executeQuery("select count(*) from catalog_item")) {
			rows.next();
			return rows.getLong(1);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private StepExecution step(Path catalog) {
		StepExecution step = MetaDataInstanceFactory.createStepExecution(new JobParametersBuilder()
			.addString(JobIdentity.INPUT, catalog.toString())
			.toJobParameters());
		return step;
	}

	/** {@code rows} products; the row after {@code brokenAfter} opens a quote it never closes (-1: none). */
	private Path catalog(int rows, int brokenAfter) throws IOException {
		StringBuilder csv = new StringBuilder("sku,name\n");
		for (int i = 1; i <= rows; i++) {
			csv.append(i == brokenAfter + 1 ? "S-%d,\"never closed%n".formatted(i) : "S-%d,Product %d%n".formatted(i, i));
		}
		return Files.writeString(this.folder.resolve("products.csv"), csv);
	}

}
