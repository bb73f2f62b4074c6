package com.catalogimage.batchmode;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.generation.BatchDeliveries;
import com.catalogimage.provider.BatchImageClient;
import com.catalogimage.provider.BatchOutcome;
import com.catalogimage.provider.BatchResultLine;
import com.catalogimage.provider.BatchState;
import com.catalogimage.provider.BatchStatus;
import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.LocalWriteException;
import com.catalogimage.provider.ResultSource;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.provider.SystemicFailure;
import com.catalogimage.storage.OutputLayout;
import com.catalogimage.storage.ResultFigures.Origin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads a finished batch's results line by line and applies each in a transaction of its own, together with the
 * point reading resumes from: a crash or a cut download re-reads no line already applied. A delivered image of a
 * product the batch holds that is still PENDING goes through the synchronous path ({@link BatchDeliveries}); any other
 * delivered image (a second output for a key, a late result after the switch to synchronous calls, a line without a
 * key) is billed but not applied, and counted as a duplicate with its batch price. A failed line skips its product
 * (item failure), leaves it PENDING for synchronous calls (retryable), or ends the run (systemic), as a call would.
 */
final class BatchHarvester {

	private static final Logger log = LoggerFactory.getLogger(BatchHarvester.class);

	/** Reading stopped on purpose: the run's gate closed (a local fault, a systemic failure, a shutdown). */
	private static final class Interrupted extends RuntimeException {

		Interrupted() {
			super(null, null, false, false);
		}

	}

	private final BatchImageClient client;

	private final ProviderBatchRepository batches;

	private final CatalogItemRepository items;

	private final BatchDeliveries deliveries;

	private final TransactionTemplate transaction;

	private final OutputLayout layout;

	private final Clock clock;

	private final String defaultSize;

	BatchHarvester(BatchImageClient client, ProviderBatchRepository batches, CatalogItemRepository items,
			BatchDeliveries deliveries, TransactionTemplate transaction, OutputLayout layout, Clock clock,
			String defaultSize) {
		this.client = client;
		this.batches = batches;
		this.items = items;
		this.deliveries = deliveries;
		this.transaction = transaction;
		this.layout = layout;
		this.clock = clock;
		this.defaultSize = defaultSize;
	}

	/**
	 * Harvests a terminal batch.
	 * @return whether it is done (harvested_at set); false to try again at the next poll (its results are not there yet, or
	 * reading them failed) or when the run's gate closed
	 */
	boolean harvest(ProviderBatch batch, BatchStatus status) {
		if (status.results().isEmpty() && status.state() == BatchState.SUCCEEDED) {
			// a batch can be SUCCEEDED a moment before its results are listed
			return false;
		}
		Map<String, Long> read = new LinkedHashMap<>(batch.resultsRead());
		for (ResultSource source : status.results()) {
			try {
				this.client.readResults(source, batch.nextIndex(source.name()), this.layout.work(),
						line -> apply(batch, source, line, read));
			}
			catch (Interrupted stop) {
				return false;
			}
			catch (RetryableFailure failure) {
				this.batches.recordError(batch.id(), "results: " + failure.getMessage());
				log.warn("Reading the results of batch {} failed ({}); reading on at the next poll",
						batch.providerName(), failure.status());
				return false;
			}
			catch (ItemFailure failure) {
				if (!BatchImageClient.RESULTS_GONE.equals(failure.status())) {
					throw failure;
				}
				this.batches.recordError(batch.id(), "results: " + failure.getMessage());
				log.warn("The results of batch {} are no longer at the provider ({}); its products not done yet are "
						+ "generated synchronously", batch.providerName(), failure.getMessage());
			}
		}
		this.batches.recordHarvested(batch.id(), this.clock.instant());
		log.info("Harvested batch {} ({}): {} images delivered, {} failed", batch.providerName(), status.state(),
				status.counts().succeeded(), status.counts().failed());
		return true;
	}

	private void apply(ProviderBatch batch, ResultSource source, BatchResultLine line, Map<String, Long> read) {
		if (!this.deliveries.isOpen()) {
			throw new Interrupted();
		}
		Map<String, Long> next = new LinkedHashMap<>(read);
		next.put(source.name(), line.index() + 1);
		try {
			this.transaction.executeWithoutResult(tx -> {
				applyLine(batch, line);
				this.batches.recordResultsRead(batch.id(), ProviderBatch.formatResultsRead(next));
			});
		}
		catch (LocalWriteException failure) {
			this.deliveries.fail(failure.getMessage() + "; a fault on this machine, not the provider's: the image of "
					+ "batch " + batch.providerName() + " line " + line.index() + " is read again from the provider's "
					+ "results by the restart, not bought again");
			throw new Interrupted();
		}
		read.clear();
		read.putAll(next);
		if (!this.deliveries.isOpen()) {
			throw new Interrupted();
		}
	}

	private void applyLine(ProviderBatch batch, BatchResultLine line) {
		Optional<CatalogItem> item = product(batch, line);
		if (line.outcome() instanceof BatchOutcome.Delivered delivered) {
			if (item.isEmpty()) {
				BigDecimal price = this.deliveries.batchPrice(size(line), delivered.image());
				this.batches.addDuplicate(batch.id(), price);
				log.info("Batch {} delivered another image for {} (line {}): billed, not applied",
						batch.providerName(), line.key() == null ? "a line without a key" : "product " + line.key(),
						line.index());
				return;
			}
			Instant submitted = batch.submittedAt() != null ? batch.submittedAt() : this.clock.instant();
			this.deliveries.deliver(item.get(), delivered.image(),
					Origin.batch(String.valueOf(batch.providerName()), submitted), submitted);
			return;
		}
		BatchOutcome.Failed failed = (BatchOutcome.Failed) line.outcome();
		if (item.isEmpty()) {
			return;
		}
		Instant submitted = batch.submittedAt() != null ? batch.submittedAt() : this.clock.instant();
		if (failed.failure() instanceof ItemFailure failure) {
			this.deliveries.skip(item.get(), failure, submitted);
		}
		else if (failed.failure() instanceof SystemicFailure failure) {
			this.deliveries.fail("%s (batch %s, product %s): %s".formatted(failure.status(), batch.providerName(),
					item.get().sku(), failure.getMessage()));
			throw new Interrupted();
		}
		else {
			log.info("Batch {} failed product {} ({}); it is generated synchronously", batch.providerName(),
					item.get().sku(), failed.failure().status());
		}
	}

	/** The product a line is for, if this batch holds it and it is still PENDING. */
	private Optional<CatalogItem> product(ProviderBatch batch, BatchResultLine line) {
		if (line.key() == null) {
			return Optional.empty();
		}
		long id;
		try {
			id = Long.parseLong(line.key());
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
		return this.items.pendingItemInBatch(id, batch.id());
	}

	/** The size a line was billed at: its product's, or the run's for a line without a key. */
	private String size(BatchResultLine line) {
		if (line.key() != null) {
			try {
				String size = this.batches.sizeOf(Long.parseLong(line.key()));
				if (size != null) {
					return size;
				}
			}
			catch (NumberFormatException ex) {
				// not one of our keys
			}
		}
		return this.defaultSize;
	}

}
