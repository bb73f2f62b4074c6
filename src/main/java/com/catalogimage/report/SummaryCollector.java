package com.catalogimage.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.catalogimage.batchmode.BatchTotals;
import com.catalogimage.catalog.ProductStatus;
import com.catalogimage.generation.CostCalculator;
import com.catalogimage.storage.AttemptJournal;
import com.catalogimage.storage.ProductRecord;
import com.catalogimage.storage.ResultFigures;
import org.jspecify.annotations.Nullable;

/**
 * Adds up a job instance's rows as they stream past, so the summary of 100 000 products needs one pass and a few
 * primitive arrays, never the rows themselves. Only the first rows of the contact sheet and of the skipped table are
 * kept, up to their limits. Calls are counted from the rows, unless the attempt journal's call groups are given
 * ({@link #acceptCalls}): they also hold the calls of products still pending and of chunks that rolled back.
 */
final class SummaryCollector implements Consumer<ProductRecord> {

	private static final List<String> STATUSES = List.of(ProductStatus.GENERATED.name(),
			ProductStatus.UP_TO_DATE.name(), ProductStatus.CACHED.name(), ProductStatus.SKIPPED.name(),
			ProductStatus.PENDING.name());

	private final CostCalculator costs;

	private final int imageLimit;

	private final int skippedLimit;

	private final Map<String, long[]> statusCounts = new LinkedHashMap<>();

	private final Map<String, BigDecimal> statusCosts = new LinkedHashMap<>();

	private final Map<String, Long> skippedByReason = new HashMap<>();

	private final LongList apiLatencies = new LongList();

	private final LongList totalLatencies = new LongList();

	private final LongList finishedAt = new LongList();

	private final List<ProductRecord> images = new ArrayList<>();

	private final List<ProductRecord> skippedRows = new ArrayList<>();

	private final Calls rowCalls = new Calls();

	private @Nullable Calls journalCalls;

	private long imageCount;

	private long removed;

	private BigDecimal cost = BigDecimal.ZERO;

	private BigDecimal batchEquivalent = BigDecimal.ZERO;

	private long imagesSync;

	private long imagesBatch;

	private BigDecimal savedAgainstSync = BigDecimal.ZERO;

	private BatchTotals batches = BatchTotals.NONE;

	private long unpricedImages;

	private long rateWaitMs;

	private long retryWaitMs;

	/**
	 * @param imageLimit images kept for the contact sheet (0 for none)
	 * @param skippedLimit skipped rows kept for their table (0 for none)
	 */
	public SummaryCollector(CostCalculator costs, int imageLimit, int skippedLimit) {
		this.costs = costs;
		this.imageLimit = imageLimit;
		this.skippedLimit = skippedLimit;
		for (String status : STATUSES) {
			this.statusCounts.put(status, new long[1]);
			this.statusCosts.put(status, BigDecimal.ZERO);
		}
	}

	@Override
	public void accept(ProductRecord row) {
		String status = row.status();
		if (ReportRepository.REMOVED.equals(status)) {
			this.removed++;
			return;
		}
		this.statusCounts.computeIfAbsent(status, key -> new long[1])[0]++;
		boolean batch = ReportCsvWriter.BATCH.equals(row.origin().mode());
		if (ProductStatus.GENERATED.name().equals(status)) {
			if (batch) {
				this.imagesBatch++;
			}
			else {
				this.imagesSync++;
			}
		}
		BigDecimal costUsd = row.price().costUsd();
		if (costUsd != null) {
			this.cost = this.cost.add(costUsd);
			this.statusCosts.merge(status, costUsd, BigDecimal::add);
			if (batch) {
				// bought at the batch price already
				this.batchEquivalent = this.batchEquivalent.add(costUsd);
				this.savedAgainstSync = this.savedAgainstSync.add(savedAgainstSync(row.model(), costUsd));
			}
			else if (row.model() != null) {
				this.batchEquivalent = this.batchEquivalent
					.add(costUsd.multiply(this.costs.batchDiscount(row.model())));
			}
		}
		else if (ProductStatus.GENERATED.name().equals(status)) {
			this.unpricedImages++;
		}
		ResultFigures.Calls calls = row.calls();
		int attempts = calls.attemptsOrZero();
		this.rowCalls.add(status, row.model(), row.size(), attempts, attempts > 0 ? 1 : 0, calls.unknownOrZero(),
				calls.http429() == null ? 0 : calls.http429());
		this.rateWaitMs += calls.rateWaitMs() == null ? 0 : calls.rateWaitMs();
		this.retryWaitMs += calls.retryWaitMs() == null ? 0 : calls.retryWaitMs();
		latencies(row);
		lists(row);
	}

	/**
	 * What an image bought at the batch price would have cost synchronously, less what it cost: the batch price is
	 * the synchronous one times the model's batch discount, so the synchronous price is the cost divided by it.
	 */
	private BigDecimal savedAgainstSync(@Nullable String model, BigDecimal batchCost) {
		BigDecimal discount = model == null ? BigDecimal.ONE : this.costs.batchDiscount(model);
		if (discount.signum() <= 0 || discount.compareTo(BigDecimal.ONE) >= 0) {
			return BigDecimal.ZERO;
		}
		return batchCost.divide(discount, 6, RoundingMode.HALF_UP).subtract(batchCost);
	}

	/**
	 * The instance's provider batches: their duplicate outputs were billed though no product's row holds them, so
	 * their cost is in the total (and, bought at the batch price, in the batch equivalent as it is).
	 */
	public void acceptBatches(BatchTotals totals) {
		this.batches = totals;
	}

	/** Counts calls from the attempt journal instead of the rows. */
	public void acceptCalls(AttemptJournal.CallGroup group) {
		if (this.journalCalls == null) {
			this.journalCalls = new Calls();
		}
		this.journalCalls.add(group.status(), group.model(), group.size(), group.calls(), group.products(),
				group.unknown(), group.rateLimited());
		this.journalCalls.addUnrecorded(group.status(), group.model(), group.size(), group.unrecorded());
	}

	/**
	 * Latencies are those of images generated by calls: a cache hit's "latency" is a file lookup and would flatter
	 * them, a batch line's is the provider's queue (hours), which report.csv gives as {@code batch_wait_s}.
	 */
	private void latencies(ProductRecord row) {
		if (ProductStatus.GENERATED.name().equals(row.status()) && !ReportCsvWriter.BATCH.equals(row.origin().mode())) {
			ResultFigures.Timing timing = row.timing();
			if (timing.apiLatencyMs() != null) {
				this.apiLatencies.add(timing.apiLatencyMs());
			}
			if (timing.totalLatencyMs() != null) {
				this.totalLatencies.add(timing.totalLatencyMs());
			}
		}
	}

	/** The contact sheet and throughput chart show the images this run produced; up-to-date ones are not new. */
	private void lists(ProductRecord row) {
		boolean produced = ProductStatus.GENERATED.name().equals(row.status())
				|| ProductStatus.CACHED.name().equals(row.status());
		if (produced && row.image().path() != null) {
			this.imageCount++;
			Instant finished = row.timing().finishedAt();
			if (finished != null) {
				this.finishedAt.add(finished.toEpochMilli());
			}
			if (this.images.size() < this.imageLimit) {
				this.images.add(row);
			}
		}
		if (ProductStatus.SKIPPED.name().equals(row.status())) {
			this.skippedByReason.merge(row.reason() == null ? "(no reason)" : row.reason(), 1L, Long::sum);
			if (this.skippedRows.size() < this.skippedLimit) {
				this.skippedRows.add(row);
			}
		}
	}

	public ReportData finish(RunFacts run, long rejectedRows) {
		Calls calls = this.journalCalls != null ? this.journalCalls : this.rowCalls;
		Map<String, ReportSummary.StatusCost> costByStatus = new LinkedHashMap<>();
		long products = 0;
		for (Map.Entry<String, long[]> entry : this.statusCounts.entrySet()) {
			costByStatus.put(entry.getKey(), new ReportSummary.StatusCost(entry.getValue()[0],
					this.statusCosts.getOrDefault(entry.getKey(), BigDecimal.ZERO)
						.add(calls.unrecordedByStatus.getOrDefault(entry.getKey(), BigDecimal.ZERO)),
					calls.possiblyBilledByStatus.getOrDefault(entry.getKey(), BigDecimal.ZERO)));
			products += entry.getValue()[0];
		}
		Map<String, Long> reasons = new LinkedHashMap<>();
		this.skippedByReason.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
				.thenComparing(Map.Entry.comparingByKey()))
			.forEach(entry -> reasons.put(entry.getKey(), entry.getValue()));
		long[] api = this.apiLatencies.sorted();
		long[] total = this.totalLatencies.sorted();
		BigDecimal duplicates = this.batches.duplicateCostUsd();
		ReportSummary summary = new ReportSummary(run, products, count(ProductStatus.GENERATED),
				count(ProductStatus.UP_TO_DATE), count(ProductStatus.CACHED), count(ProductStatus.SKIPPED),
				count(ProductStatus.PENDING), this.removed, rejectedRows, reasons,
				this.cost.add(calls.unrecordedUsd).add(duplicates), this.unpricedImages, calls.unrecorded,
				calls.unrecordedUsd, calls.unknown, calls.possiblyBilled,
				this.batchEquivalent.add(calls.unrecordedBatchEquivalent).add(duplicates), costByStatus,
				this.costs.pricesAsOf(), LatencyStats.of(api), LatencyStats.of(total), calls.requests, calls.products,
				calls.rateLimited, this.rateWaitMs, this.retryWaitMs,
				new ReportSummary.Modes(this.imagesSync, this.imagesBatch, this.savedAgainstSync, this.batches));
		return new ReportData(summary, api, total, this.finishedAt.sorted(), List.copyOf(this.images),
				this.imageCount, List.copyOf(this.skippedRows));
	}

	private long count(ProductStatus status) {
		long[] count = this.statusCounts.get(status.name());
		return count == null ? 0 : count[0];
	}

	/** Calls, and what those of unknown outcome may have cost at the flat price of their model and size. */
	private final class Calls {

		private final Map<String, BigDecimal> possiblyBilledByStatus = new HashMap<>();

		private long requests;

		private long products;

		private long unknown;

		private long rateLimited;

		private BigDecimal possiblyBilled = BigDecimal.ZERO;

		private final Map<String, BigDecimal> unrecordedByStatus = new HashMap<>();

		private long unrecorded;

		private BigDecimal unrecordedUsd = BigDecimal.ZERO;

		private BigDecimal unrecordedBatchEquivalent = BigDecimal.ZERO;

		void add(String status, @Nullable String model, String size, long calls, long calledProducts, long unknownCalls,
				long rateLimitedCalls) {
			this.requests += calls;
			this.products += calledProducts;
			this.unknown += unknownCalls;
			this.rateLimited += rateLimitedCalls;
			BigDecimal usd = unknownCalls > 0 ? SummaryCollector.this.costs.atFlatPrice(model, size, unknownCalls) : null;
			if (usd != null) {
				this.possiblyBilled = this.possiblyBilled.add(usd);
				this.possiblyBilledByStatus.merge(status, usd, BigDecimal::add);
			}
		}

		/**
		 * Delivered images were billed whether or not a result row came of them; those no row prices (see
		 * {@link AttemptJournal.CallGroup#unrecorded()}) are priced here, at the flat price like calls of unknown
		 * outcome: their token usage was not kept.
		 */
		void addUnrecorded(String status, @Nullable String model, String size, long images) {
			if (images == 0) {
				return;
			}
			this.unrecorded += images;
			BigDecimal usd = SummaryCollector.this.costs.atFlatPrice(model, size, images);
			if (usd != null && model != null) {
				this.unrecordedUsd = this.unrecordedUsd.add(usd);
				this.unrecordedByStatus.merge(status, usd, BigDecimal::add);
				this.unrecordedBatchEquivalent = this.unrecordedBatchEquivalent
					.add(usd.multiply(SummaryCollector.this.costs.batchDiscount(model)));
			}
		}

	}

}
