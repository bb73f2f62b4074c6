package com.catalogimage.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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

/**
 * Step 1: reads the catalog CSV once, validates every row, fingerprints the valid ones (reading their reference
 * image, which must be a readable PNG, JPEG or WebP file) and inserts them as PENDING, and records rejected rows with
 * line, field and reason. It runs in one transaction, so staging is all or nothing: a
 * file that is broken as a whole fails the job in seconds, before any money is spent, and leaves no partial catalog.
 * A catalog whose every row is rejected, or that has no rows, fails the job too, with its rejections kept for the
 * report.
 */
public class CatalogStagingTasklet implements Tasklet, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(CatalogStagingTasklet.class);

	/** Step execution context key: why the catalog has nothing to generate, when every row was rejected. */
	private static final String NOTHING_VALID = "catalog.nothing-valid";

	private static final int BATCH = 1000;

	private final CatalogItemRepository items;

	private final ProductFingerprinter fingerprinter;

	private final PromptTemplate promptTemplate;

	private final String defaultSize;

	private final String defaultAspectRatio;

	private final ManifestDiff manifest;

	private final Selection selection;

	public CatalogStagingTasklet(CatalogItemRepository items, ProductFingerprinter fingerprinter,
			PromptTemplate promptTemplate, String defaultSize, String defaultAspectRatio, ManifestDiff manifest,
			Selection selection) {
		this.items = items;
		this.manifest = manifest;
		this.selection = selection;
		this.fingerprinter = fingerprinter;
		this.promptTemplate = promptTemplate;
		this.defaultSize = defaultSize;
		this.defaultAspectRatio = defaultAspectRatio;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		long instanceId = step.getJobExecution().getJobInstance().getInstanceId();
		Path input = Path.of(step.getJobParameters().getString(JobIdentity.INPUT));
		if (!Files.isRegularFile(input)) {
			throw new CatalogFormatException(input + ": catalog file not found");
		}
		this.items.deleteStaged(instanceId);
		CatalogRowValidator validator = new CatalogRowValidator(this.promptTemplate, this.defaultSize,
				this.defaultAspectRatio);
		List<StagedProduct> staged = new ArrayList<>(BATCH);
		List<Rejection> rejected = new ArrayList<>();
		long[] counts = new long[2];
		step.getExecutionContext().remove(NOTHING_VALID);
		CatalogCsvReader.read(input, row -> {
			contribution.incrementReadCount();
			counts[1]++;
			CatalogRowValidator.Outcome outcome = validator.validate(row);
			if (outcome instanceof CatalogRowValidator.Valid valid && !this.selection.includes(valid.product().sku())) {
				return;
			}
			Rejection rejection = null;
			if (outcome instanceof CatalogRowValidator.Valid valid) {
				try {
					staged.add(this.fingerprinter.stage(valid.product(), input));
				}
				catch (ReferenceImageFile.InvalidReferenceException ex) {
					rejection = new Rejection(row.line(), valid.product().sku(), CatalogColumns.REFERENCE_IMAGE,
							ex.getMessage());
				}
				if (staged.size() == BATCH) {
					flush(instanceId, staged, counts);
				}
			}
			else if (outcome instanceof CatalogRowValidator.Rejected invalid) {
				rejection = invalid.rejection();
			}
			if (rejection != null) {
				rejected.add(rejection);
				log.warn("Rejected {} line {}: {} {}", input.getFileName(), rejection.line(), rejection.field(),
						rejection.reason());
			}
		});
		flush(instanceId, staged, counts);
		this.items.insertRejections(instanceId, rejected);
		if (rejected.size() == counts[1]) {
			// Committed, so the report lists every rejection; the job still fails (see afterStep). The manifest is
			// left alone: with no valid row, every image would count as no longer listed, and --prune delete it. A
			// catalog with a header and no rows (a truncated export, say) is treated the same way.
			String message = counts[1] == 0
					? "%s: the catalog has a header but no product rows, nothing to generate".formatted(input)
					: ("%s: all %d rows were rejected, nothing to generate; rejected.csv has each row's line, field"
							+ " and reason").formatted(input, rejected.size());
			step.getExecutionContext().putString(NOTHING_VALID, message);
			contribution.incrementFilterCount(rejected.size());
			log.warn(message);
			return RepeatStatus.FINISHED;
		}
		long upToDate = 0;
		long removed = 0;
		if (this.selection.incremental()) {
			upToDate = this.manifest.markUpToDate(instanceId);
			Set<String> rejectedSkus = rejected.stream().map(Rejection::sku).collect(Collectors.toSet());
			removed = this.manifest.recordRemoved(instanceId, this.selection.prune(), rejectedSkus);
		}
		contribution.incrementWriteCount(counts[0]);
		contribution.incrementFilterCount(rejected.size());
		log.info("Staged {} products from {}: {} to generate, {} up to date, {} rows rejected, {} no longer listed",
				counts[0], input, counts[0] - upToDate, upToDate, rejected.size(), removed);
		return RepeatStatus.FINISHED;
	}

	/**
	 * A catalog whose every row was rejected is no success: the step fails with the reason, and since it failed, a
	 * restart stages the catalog again. This runs after the staging transaction committed the rejections.
	 */
	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		String nothingValid = stepExecution.getExecutionContext().getString(NOTHING_VALID, null);
		if (nothingValid == null || stepExecution.getStatus() != BatchStatus.COMPLETED) {
			return null;
		}
		stepExecution.setStatus(BatchStatus.FAILED);
		stepExecution.addFailureException(new CatalogFormatException(nothingValid));
		return ExitStatus.FAILED.addExitDescription(nothingValid);
	}

	private void flush(long instanceId, List<StagedProduct> staged, long[] counts) {
		if (!staged.isEmpty()) {
			this.items.insert(instanceId, staged);
			counts[0] += staged.size();
			staged.clear();
		}
	}

}
