package com.catalogimage.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 1: reads the catalog CSV once, validates every row, fingerprints the valid ones (reading their reference
 * image, which must be a readable PNG, JPEG or WebP file) and inserts them as PENDING, and records rejected rows with
 * line, field and reason. It runs in one transaction, so staging is all or nothing: a
 * file that is broken as a whole fails the job in seconds, before any money is spent, and leaves no partial catalog.
 */
public class CatalogStagingTasklet implements Tasklet {

	/** Job parameter holding the absolute path of the catalog CSV. */
	public static final String INPUT_PARAMETER = "input.path";

	private static final Logger log = LoggerFactory.getLogger(CatalogStagingTasklet.class);

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
		Path input = Path.of(step.getJobParameters().getString(INPUT_PARAMETER));
		if (!Files.isRegularFile(input)) {
			throw new CatalogFormatException(input + ": catalog file not found");
		}
		this.items.deleteStaged(instanceId);
		CatalogRowValidator validator = new CatalogRowValidator(this.promptTemplate, this.defaultSize,
				this.defaultAspectRatio);
		List<StagedProduct> staged = new ArrayList<>(BATCH);
		List<Rejection> rejected = new ArrayList<>();
		long[] counts = new long[2];
		CatalogCsvReader.read(input, row -> {
			contribution.incrementReadCount();
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
		long upToDate = 0;
		long removed = 0;
		if (this.selection.incremental()) {
			upToDate = this.manifest.markUpToDate(instanceId);
			removed = this.manifest.recordRemoved(instanceId, this.selection.prune());
		}
		contribution.incrementWriteCount(counts[0]);
		contribution.incrementFilterCount(rejected.size());
		log.info("Staged {} products from {}: {} to generate, {} up to date, {} rows rejected, {} no longer listed",
				counts[0], input, counts[0] - upToDate, upToDate, rejected.size(), removed);
		return RepeatStatus.FINISHED;
	}

	private void flush(long instanceId, List<StagedProduct> staged, long[] counts) {
		if (!staged.isEmpty()) {
			this.items.insert(instanceId, staged);
			counts[0] += staged.size();
			staged.clear();
		}
	}

}
