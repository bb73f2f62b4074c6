package com.catalogimage.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.catalogimage.run.JobIdentity;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step 1: reads the catalog CSV once, validates every row, fingerprints the valid ones (reading their reference
 * image, which must be a readable PNG, JPEG or WebP file) and inserts them, PENDING or, when the image manifest holds
 * their current image, UP_TO_DATE; rejected rows are recorded with line, field and reason. Nothing of the catalog is
 * held in memory but the batch being inserted and the SKUs seen (for the duplicate check): products and rejections are
 * committed every {@value #BATCH} rows, each batch in its own transaction, since one transaction over a 100,000-row
 * catalog made H2 keep and then replay an undo log of every row (measured: a fifth of the step). The batches are
 * committed on a thread of their own while the next one is read ({@link BatchCommitter}).
 * <p>
 * Staging is still all or nothing as far as anyone can see: it ends with nothing staged unless it completed. A
 * catalog that is broken as a whole fails the job in seconds, before any money is spent, and what the step committed
 * before it failed or was stopped is deleted again ({@link #afterStep}); what a killed process left is deleted by the
 * restart, which stages the catalog anew ({@link CatalogItemRepository#deleteStaged}). A catalog whose every row is
 * rejected, or that has no rows, fails the job too, with its rejections kept for the report.
 */
public class CatalogStagingTasklet implements Tasklet, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(CatalogStagingTasklet.class);

	/** Step execution context key: why the catalog has nothing to generate, when every row was rejected. */
	private static final String NOTHING_VALID = "catalog.nothing-valid";

	static final int BATCH = 1000;

	private final CatalogItemRepository items;

	private final ProductFingerprinter fingerprinter;

	private final PromptTemplate promptTemplate;

	private final String defaultSize;

	private final String defaultAspectRatio;

	private final ManifestDiff manifest;

	private final Selection selection;

	private final TransactionTemplate ownTransaction;

	public CatalogStagingTasklet(CatalogItemRepository items, ProductFingerprinter fingerprinter,
			PromptTemplate promptTemplate, String defaultSize, String defaultAspectRatio, ManifestDiff manifest,
			Selection selection, PlatformTransactionManager transactionManager) {
		this.items = items;
		this.manifest = manifest;
		this.selection = selection;
		this.fingerprinter = fingerprinter;
		this.promptTemplate = promptTemplate;
		this.defaultSize = defaultSize;
		this.defaultAspectRatio = defaultAspectRatio;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		long instanceId = step.getJobExecution().getJobInstance().getInstanceId();
		Path input = Path.of(step.getJobParameters().getString(JobIdentity.INPUT));
		if (!Files.isRegularFile(input)) {
			throw new CatalogFormatException(input + ": catalog file not found");
		}
		step.getExecutionContext().remove(NOTHING_VALID);
		inOwnTransaction(() -> this.items.deleteStaged(instanceId));
		try (BatchCommitter committer = new BatchCommitter()) {
			Batches batches = new Batches(instanceId, committer);
			readAndStage(input, batches, contribution);
			batches.flush();
			committer.finish();
			return finish(input, batches, instanceId, contribution, step);
		}
	}

	private void readAndStage(Path input, Batches batches, StepContribution contribution) throws IOException {
		CatalogRowValidator validator = new CatalogRowValidator(this.promptTemplate, this.defaultSize,
				this.defaultAspectRatio);
		CatalogCsvReader.read(input, row -> {
			contribution.incrementReadCount();
			batches.rows++;
			CatalogRowValidator.Outcome outcome = validator.validate(row);
			if (outcome instanceof CatalogRowValidator.Valid valid && !this.selection.includes(valid.product().sku())) {
				return;
			}
			Rejection rejection = null;
			if (outcome instanceof CatalogRowValidator.Valid valid) {
				try {
					batches.add(this.fingerprinter.stage(valid.product(), input));
				}
				catch (ReferenceImageFile.InvalidReferenceException ex) {
					rejection = new Rejection(row.line(), valid.product().sku(), CatalogColumns.REFERENCE_IMAGE,
							ex.getMessage());
				}
			}
			else if (outcome instanceof CatalogRowValidator.Rejected invalid) {
				rejection = invalid.rejection();
			}
			if (rejection != null) {
				batches.reject(rejection);
				log.warn("Rejected {} line {}: {} {}", input.getFileName(), rejection.line(), rejection.field(),
						rejection.reason());
			}
		});
	}

	private RepeatStatus finish(Path input, Batches batches, long instanceId, StepContribution contribution,
			StepExecution step) throws IOException {
		if (batches.rejected == batches.rows) {
			// Committed, so the report lists every rejection; the job still fails (see afterStep). The manifest is
			// left alone: with no valid row, every image would count as no longer listed, and --prune delete it. A
			// catalog with a header and no rows (a truncated export, say) is treated the same way.
			String message = batches.rows == 0
					? "%s: the catalog has a header but no product rows, nothing to generate".formatted(input)
					: ("%s: all %d rows were rejected, nothing to generate; rejected.csv has each row's line, field"
							+ " and reason").formatted(input, batches.rejected);
			step.getExecutionContext().putString(NOTHING_VALID, message);
			contribution.incrementFilterCount(batches.rejected);
			log.warn(message);
			return RepeatStatus.FINISHED;
		}
		long removed = 0;
		if (this.selection.incremental()) {
			// after every row is staged: only then does the catalog say which SKUs it no longer lists
			removed = this.manifest.recordRemoved(instanceId, this.selection.prune());
		}
		contribution.incrementWriteCount(batches.staged);
		contribution.incrementFilterCount(batches.rejected);
		log.info("Staged {} products from {}: {} to generate, {} up to date, {} rows rejected, {} no longer listed",
				batches.staged, input, batches.staged - batches.upToDate, batches.upToDate, batches.rejected, removed);
		return RepeatStatus.FINISHED;
	}

	/**
	 * A catalog whose every row was rejected is no success: the step fails with the reason, and since it failed, a
	 * restart stages the catalog again. A staging that failed or was stopped part way leaves nothing staged: the
	 * batches it committed are deleted, so the run reads as one that staged nothing (and the restart stages anew).
	 */
	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
			long instanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
			try {
				inOwnTransaction(() -> this.items.deleteStaged(instanceId));
			}
			catch (RuntimeException ex) {
				// the restart deletes them before staging anew; the step's own failure is what the user needs to see
				log.warn("Could not delete the products of an unfinished staging (the restart will): {}",
						ex.getMessage());
			}
			return null;
		}
		String nothingValid = stepExecution.getExecutionContext().getString(NOTHING_VALID, null);
		if (nothingValid == null) {
			return null;
		}
		stepExecution.setStatus(BatchStatus.FAILED);
		stepExecution.addFailureException(new CatalogFormatException(nothingValid));
		return ExitStatus.FAILED.addExitDescription(nothingValid);
	}

	private void inOwnTransaction(Runnable work) {
		this.ownTransaction.executeWithoutResult(status -> work.run());
	}

	/**
	 * The rows read so far and the batch not yet inserted, committed every {@value #BATCH} rows. The counts of rows
	 * read and rejected belong to the reading thread; those of products staged and up to date to the committing one,
	 * read once {@link BatchCommitter#finish()} has returned.
	 */
	private final class Batches {

		private final long instanceId;

		private final BatchCommitter committer;

		private List<StagedProduct> products = new ArrayList<>(BATCH);

		private List<Rejection> rejections = new ArrayList<>();

		long rows;

		long staged;

		long upToDate;

		long rejected;

		Batches(long instanceId, BatchCommitter committer) {
			this.instanceId = instanceId;
			this.committer = committer;
		}

		void add(StagedProduct product) {
			this.products.add(product);
			if (this.products.size() + this.rejections.size() >= BATCH) {
				flush();
			}
		}

		void reject(Rejection rejection) {
			this.rejections.add(rejection);
			this.rejected++;
			if (this.products.size() + this.rejections.size() >= BATCH) {
				flush();
			}
		}

		/** Hands the batch to the committer (after the one before it is committed) and starts a new one. */
		void flush() {
			if (this.products.isEmpty() && this.rejections.isEmpty()) {
				return;
			}
			List<StagedProduct> filled = this.products;
			List<Rejection> rejected = this.rejections;
			this.products = new ArrayList<>(BATCH);
			this.rejections = new ArrayList<>();
			this.committer.submit(() -> commit(filled, rejected));
		}

		private void commit(List<StagedProduct> filled, List<Rejection> rejected) {
			List<StagedProduct> batch = CatalogStagingTasklet.this.selection.incremental() ? withCurrentMarked(filled)
					: filled;
			inOwnTransaction(() -> {
				if (!batch.isEmpty()) {
					CatalogStagingTasklet.this.items.insert(this.instanceId, batch);
				}
				if (!rejected.isEmpty()) {
					CatalogStagingTasklet.this.items.insertRejections(this.instanceId, rejected);
				}
			});
			this.staged += batch.size();
		}

		/**
		 * The batch with the products whose image the output folder already holds, same fingerprint and the file
		 * as written, marked UP_TO_DATE: an incremental run does not pay for them again.
		 */
		private List<StagedProduct> withCurrentMarked(List<StagedProduct> products) {
			Map<String, String> fingerprints = new LinkedHashMap<>();
			for (StagedProduct product : products) {
				fingerprints.put(product.product().sku(), product.fingerprint());
			}
			Set<String> current = CatalogStagingTasklet.this.manifest.current(fingerprints);
			if (current.isEmpty()) {
				return products;
			}
			List<StagedProduct> marked = new ArrayList<>(products.size());
			for (StagedProduct product : products) {
				boolean upToDate = current.contains(product.product().sku());
				marked.add(upToDate ? product.withStatus(ProductStatus.UP_TO_DATE) : product);
				if (upToDate) {
					this.upToDate++;
				}
			}
			return marked;
		}

	}

}
