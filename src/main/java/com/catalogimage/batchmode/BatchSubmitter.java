package com.catalogimage.batchmode;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.generation.BatchDeliveries;
import com.catalogimage.image.ImageSize;
import com.catalogimage.provider.BatchImageClient;
import com.catalogimage.provider.BatchInput;
import com.catalogimage.provider.BatchItem;
import com.catalogimage.provider.BatchStatus;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.ReferenceImage;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.storage.ImageCache;
import com.catalogimage.storage.OutputLayout;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Submits products as provider batches, never paying twice for one: the intent (the display name the batch will be
 * created under, and each product's link to it) commits before the create call, the provider's name for the batch
 * right after it. An intent found again after a crash, or after a create whose outcome is unknown, is looked up by its
 * display name before anything is created again.
 */
final class BatchSubmitter {

	private static final Logger log = LoggerFactory.getLogger(BatchSubmitter.class);

	/** What a submission came to. */
	sealed interface Result {
	}

	/** Nothing left to submit. */
	record Nothing() implements Result {
	}

	/** A batch was created (or found), or products were set aside: go on. */
	record Progress() implements Result {
	}

	/** Products looked at up to this id: the next shard starts after it. */
	record Looked(long upToId) implements Result {
	}

	/** The provider refused to take more now (a 429 on create, its queue full): try again after the wait. */
	record Wait(Duration delay) implements Result {
	}

	/** A call failed in a way that another round may cure (recorded as the batch's last error). */
	record Retry() implements Result {
	}

	/**
	 * The {@code --max-cost} budget leaves no room for the next product at the batch price, after what the run has
	 * spent and what its open batches hold: nothing more is submitted in this execution.
	 *
	 * @param left what the budget leaves (at most the next product's batch price, possibly below zero)
	 */
	record OverBudget(BigDecimal left) implements Result {
	}

	private final BatchImageClient client;

	private final ProviderBatchRepository batches;

	private final CatalogItemRepository items;

	private final BatchDeliveries deliveries;

	private final ImageCache cache;

	private final TransactionTemplate transaction;

	private final OutputLayout layout;

	private final Clock clock;

	private final BatchModeProperties properties;

	private final String provider;

	private final String model;

	BatchSubmitter(BatchImageClient client, ProviderBatchRepository batches, CatalogItemRepository items,
			BatchDeliveries deliveries, ImageCache cache, TransactionTemplate transaction, OutputLayout layout,
			Clock clock, BatchModeProperties properties, String provider, String model) {
		this.client = client;
		this.cache = cache;
		this.batches = batches;
		this.items = items;
		this.deliveries = deliveries;
		this.transaction = transaction;
		this.layout = layout;
		this.clock = clock;
		this.properties = properties;
		this.provider = provider;
		this.model = model;
	}

	/**
	 * Submits the next shard: up to {@code size} PENDING products after {@code afterId} that no batch holds (fewer
	 * when the provider's limits on one file say so: the rest come next). A product whose image is in the cache
	 * already (delivered before a crash) is not submitted: the generate step places it without paying.
	 */
	Result submitNext(long jobInstanceId, long afterId) {
		List<CatalogItem> pending = this.items.pendingWithoutBatchAfter(jobInstanceId, afterId,
				this.properties.size());
		if (pending.isEmpty()) {
			return new Nothing();
		}
		long upToId = pending.get(pending.size() - 1).id();
		List<CatalogItem> candidates = pending.stream()
			.filter(item -> this.cache.find(item.fingerprint()).isEmpty())
			.toList();
		if (candidates.isEmpty()) {
			return new Looked(upToId);
		}
		Optional<Affordable> budgeted = affordable(jobInstanceId, candidates);
		if (budgeted.isPresent()) {
			Affordable affordable = budgeted.get();
			if (affordable.items().isEmpty()) {
				return new OverBudget(affordable.left());
			}
			if (affordable.items().size() < candidates.size()) {
				candidates = affordable.items();
				upToId = candidates.get(candidates.size() - 1).id();
			}
		}
		Map<String, CatalogItem> byKey = byKey(candidates);
		BatchInput input = this.client.writeInput(batchItems(candidates), this.layout.work());
		try {
			skipRejected(input, byKey);
			if (input.isEmpty()) {
				return new Looked(upToId);
			}
			List<Long> ids = input.keys().stream().map(key -> byKey.get(key).id()).toList();
			long id = this.transaction.execute(tx -> {
				long batchId = this.batches.insertIntent(jobInstanceId, displayName(), this.provider, this.model,
						ids.size(), this.clock.instant());
				this.items.linkToBatch(ids, batchId);
				return batchId;
			});
			Result sent = send(this.batches.get(id), input);
			// deferred products (past the file's limits) are not linked: they are looked at again
			return input.deferred().isEmpty() && sent instanceof Progress ? new Looked(upToId) : sent;
		}
		finally {
			delete(input.file());
		}
	}

	/**
	 * An intent left by an earlier round or execution (a crash after create, a 429, a failed upload): the batch is
	 * looked up by its display name first, and created only when the provider has none of that name.
	 */
	Result resume(ProviderBatch intent) {
		if (findByDisplayName(intent)) {
			return new Progress();
		}
		List<CatalogItem> held = this.items.pendingInBatch(intent.jobInstanceId(), intent.id());
		if (held.isEmpty()) {
			this.batches.recordHarvested(intent.id(), this.clock.instant());
			return new Progress();
		}
		BatchInput input = this.client.writeInput(batchItems(held), this.layout.work());
		try {
			skipRejected(input, byKey(held));
			if (!input.deferred().isEmpty()) {
				this.items.unlinkFromBatch(input.deferred().stream().map(item -> Long.parseLong(item.key())).toList());
			}
			if (input.isEmpty()) {
				this.batches.recordHarvested(intent.id(), this.clock.instant());
				return new Progress();
			}
			return send(intent, input);
		}
		finally {
			delete(input.file());
		}
	}

	/**
	 * After the switch to synchronous calls, an intent must not be created any more: found by its display name it is
	 * recorded (so it can be cancelled); otherwise it is closed and its products go to synchronous calls.
	 */
	void abandon(ProviderBatch intent) {
		if (findByDisplayName(intent)) {
			return;
		}
		this.transaction.executeWithoutResult(tx -> {
			this.batches.recordCancelRequested(intent.id());
			this.batches.recordHarvested(intent.id(), this.clock.instant());
		});
	}

	/** Whether the provider has a batch of the intent's display name (then recorded as created). */
	private boolean findByDisplayName(ProviderBatch intent) {
		List<BatchStatus> found = this.client.findByDisplayName(intent.displayName());
		if (found.isEmpty()) {
			return false;
		}
		BatchStatus batch = found.get(0);
		if (found.size() > 1) {
			log.warn("The provider lists {} batches named {}; following {}", found.size(), intent.displayName(),
					batch.id());
		}
		Instant created = batch.createTime() != null ? batch.createTime() : this.clock.instant();
		this.batches.recordCreated(intent.id(), batch.id(), batch.state().name(), created);
		log.info("Found batch {} ({}) that an earlier attempt created; following it, nothing created again",
				batch.id(), intent.displayName());
		return true;
	}

	private Result send(ProviderBatch intent, BatchInput input) {
		String file;
		try {
			file = this.client.upload(input, intent.displayName());
		}
		catch (RetryableFailure failure) {
			this.batches.recordError(intent.id(), "upload: " + failure.getMessage());
			log.warn("Upload of batch {} failed ({}); trying again", intent.displayName(), failure.status());
			return new Retry();
		}
		this.batches.recordInputFile(intent.id(), file);
		BatchStatus created;
		try {
			created = this.client.create(this.model, file, intent.displayName());
		}
		catch (RetryableFailure failure) {
			this.batches.recordError(intent.id(), "create: " + failure.getMessage());
			if (failure.outcomeUnknown() && findByDisplayName(intent)) {
				return new Progress();
			}
			if (failure.rateLimited()) {
				Duration hint = failure.retryAfter();
				Duration wait = hint == null ? this.properties.poll()
						: hint.compareTo(this.properties.maxCreateWait()) > 0 ? this.properties.maxCreateWait() : hint;
				log.warn("The provider takes no more batches now (429); creating {} again in {}",
						intent.displayName(), wait);
				return new Wait(wait);
			}
			log.warn("Creating batch {} failed ({}); trying again", intent.displayName(), failure.status());
			return new Retry();
		}
		catch (ItemFailure failure) {
			// the provider refuses this batch for good: its products go to synchronous calls
			this.transaction.executeWithoutResult(tx -> {
				this.batches.recordError(intent.id(), "create: " + failure.getMessage());
				this.batches.recordHarvested(intent.id(), this.clock.instant());
			});
			log.warn("The provider refused batch {} ({}); its {} products are generated synchronously",
					intent.displayName(), failure.getMessage(), input.keys().size());
			return new Progress();
		}
		Instant submitted = created.createTime() != null ? created.createTime() : this.clock.instant();
		this.batches.recordCreated(intent.id(), created.id(), created.state().name(), submitted);
		log.info("Submitted batch {} with {} products ({})", created.id(), input.keys().size(), intent.displayName());
		return new Progress();
	}

	/**
	 * The first products whose batch price fits in the {@code --max-cost} budget, and what the budget leaves after
	 * them. Only a run with a budget has one, so what is left is always a real figure.
	 */
	private record Affordable(List<CatalogItem> items, BigDecimal left) {
	}

	/**
	 * The candidates, in order, as long as their flat batch price fits in what {@code --max-cost} leaves: the budget less
	 * what the run has spent (result rows, calls of unknown outcome, duplicate outputs) and the flat batch price of every
	 * product an open batch holds, since a submitted batch is money the provider may bill whatever happens to this
	 * process. Empty without a budget: then every candidate may go, and nothing is "left".
	 */
	private Optional<Affordable> affordable(long jobInstanceId, List<CatalogItem> candidates) {
		BigDecimal left = this.deliveries.budgetLeft(jobInstanceId);
		if (left == null) {
			return Optional.empty();
		}
		for (Map.Entry<String, Long> held : this.batches.pendingHeldByOpenBatchesBySize(jobInstanceId).entrySet()) {
			left = left.subtract(flatBatchPrice(held.getKey()).multiply(BigDecimal.valueOf(held.getValue())));
		}
		List<CatalogItem> affordable = new ArrayList<>();
		for (CatalogItem item : candidates) {
			BigDecimal price = flatBatchPrice(item.size());
			if (price.compareTo(left) > 0) {
				break;
			}
			left = left.subtract(price);
			affordable.add(item);
		}
		return Optional.of(new Affordable(affordable, left));
	}

	/** As the generate step's budget counts a call of unknown price: zero. */
	private BigDecimal flatBatchPrice(String size) {
		BigDecimal price = this.deliveries.flatBatchPrice(size);
		return price == null ? BigDecimal.ZERO : price;
	}

	/** Products the provider could never take as they are are skipped now, as a synchronous call would skip them. */
	private void skipRejected(BatchInput input, Map<String, CatalogItem> byKey) {
		if (input.rejected().isEmpty()) {
			return;
		}
		Instant now = this.clock.instant();
		this.transaction.executeWithoutResult(tx -> input.rejected()
			.forEach((key, failure) -> this.deliveries.skip(byKey.get(key), failure, now)));
	}

	private List<BatchItem> batchItems(List<CatalogItem> products) {
		return products.stream().map(this::batchItem).toList();
	}

	private BatchItem batchItem(CatalogItem item) {
		List<ReferenceImage> references = item.referenceImage() == null ? List.of()
				: List.of(ReferenceImage.of(Path.of(item.referenceImage())));
		return new BatchItem(String.valueOf(item.id()), new ImageRequest(this.model, item.prompt(),
				ImageSize.parse(item.size()).orElseThrow(), item.aspectRatio(), references));
	}

	private static Map<String, CatalogItem> byKey(List<CatalogItem> products) {
		Map<String, CatalogItem> byKey = new LinkedHashMap<>();
		products.forEach(item -> byKey.put(String.valueOf(item.id()), item));
		return byKey;
	}

	/** {@code catalog-image-<12 random hex>}, to which the shard number is added: unique, and found again by a restart. */
	private static String displayName() {
		byte[] random = new byte[6];
		ThreadLocalRandom.current().nextBytes(random);
		return "catalog-image-" + HexFormat.of().formatHex(random);
	}

	private static void delete(@Nullable Path file) {
		if (file == null) {
			return;
		}
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// a leftover input file in the work folder is untidy, not wrong
		}
	}

}
