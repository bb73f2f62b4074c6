package com.catalogimage.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.catalogimage.catalog.ProductStatus;
import com.catalogimage.generation.CostCalculator;

/**
 * Adds up a job instance's rows as they stream past, so the summary of 100 000 products needs one pass and a few
 * primitive arrays, never the rows themselves. Only the first rows of the contact sheet and of the skipped table are
 * kept, up to their limits.
 */
public final class SummaryCollector implements Consumer<ReportRow> {

	private final CostCalculator costs;

	private final int imageLimit;

	private final int skippedLimit;

	private final Map<String, long[]> statusCounts = new LinkedHashMap<>();

	private final Map<String, BigDecimal[]> statusCosts = new LinkedHashMap<>();

	private final Map<String, Long> skippedByReason = new HashMap<>();

	private final LongList apiLatencies = new LongList();

	private final LongList totalLatencies = new LongList();

	private final LongList finishedAt = new LongList();

	private final List<ReportRow> images = new ArrayList<>();

	private final List<ReportRow> skippedRows = new ArrayList<>();

	private long imageCount;

	private BigDecimal cost = BigDecimal.ZERO;

	private BigDecimal batchEquivalent = BigDecimal.ZERO;

	private BigDecimal possiblyBilled = BigDecimal.ZERO;

	private long possiblyBilledCalls;

	private long unpricedImages;

	private long requests;

	private long productsCalled;

	private long http429;

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
		for (ProductStatus status : List.of(ProductStatus.GENERATED, ProductStatus.UP_TO_DATE, ProductStatus.CACHED,
				ProductStatus.SKIPPED, ProductStatus.PENDING)) {
			this.statusCounts.put(status.name(), new long[1]);
			this.statusCosts.put(status.name(), new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO });
		}
	}

	@Override
	public void accept(ReportRow row) {
		String status = row.status();
		this.statusCounts.computeIfAbsent(status, key -> new long[1])[0]++;
		BigDecimal[] byStatus = this.statusCosts.computeIfAbsent(status,
				key -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO });
		if (row.costUsd() != null) {
			this.cost = this.cost.add(row.costUsd());
			byStatus[0] = byStatus[0].add(row.costUsd());
			if (row.model() != null) {
				this.batchEquivalent = this.batchEquivalent
					.add(row.costUsd().multiply(this.costs.batchDiscount(row.model())));
			}
		}
		else if (ProductStatus.GENERATED.name().equals(status)) {
			this.unpricedImages++;
		}
		int unknown = row.attemptsUnknownOrZero();
		if (unknown > 0) {
			this.possiblyBilledCalls += unknown;
			BigDecimal flat = row.model() == null ? null : this.costs.flatPrice(row.model(), row.size());
			if (flat != null) {
				BigDecimal usd = flat.multiply(BigDecimal.valueOf(unknown));
				this.possiblyBilled = this.possiblyBilled.add(usd);
				byStatus[1] = byStatus[1].add(usd);
			}
		}
		calls(row);
		latencies(row);
		lists(row);
	}

	private void calls(ReportRow row) {
		int attempts = row.attemptsOrZero();
		this.requests += attempts;
		this.productsCalled += attempts > 0 ? 1 : 0;
		this.http429 += row.http429() == null ? 0 : row.http429();
		this.rateWaitMs += row.rateWaitMs() == null ? 0 : row.rateWaitMs();
		this.retryWaitMs += row.retryWaitMs() == null ? 0 : row.retryWaitMs();
	}

	/** Latencies are those of generated images: a cache hit's "latency" is a file lookup and would flatter them. */
	private void latencies(ReportRow row) {
		if (ProductStatus.GENERATED.name().equals(row.status())) {
			if (row.apiLatencyMs() != null) {
				this.apiLatencies.add(row.apiLatencyMs());
			}
			if (row.totalLatencyMs() != null) {
				this.totalLatencies.add(row.totalLatencyMs());
			}
		}
	}

	private void lists(ReportRow row) {
		if (row.imagePath() != null) {
			this.imageCount++;
			if (row.finishedAt() != null) {
				this.finishedAt.add(row.finishedAt().toEpochMilli());
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
		Map<String, ReportSummary.StatusCost> costByStatus = new LinkedHashMap<>();
		long products = 0;
		for (Map.Entry<String, long[]> entry : this.statusCounts.entrySet()) {
			BigDecimal[] sums = this.statusCosts.get(entry.getKey());
			costByStatus.put(entry.getKey(), new ReportSummary.StatusCost(entry.getValue()[0], sums[0], sums[1]));
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
		ReportSummary summary = new ReportSummary(run, products, count(ProductStatus.GENERATED),
				count(ProductStatus.UP_TO_DATE), count(ProductStatus.CACHED), count(ProductStatus.SKIPPED),
				count(ProductStatus.PENDING), rejectedRows, reasons, this.cost, this.unpricedImages,
				this.possiblyBilledCalls, this.possiblyBilled, this.batchEquivalent, costByStatus,
				this.costs.pricesAsOf(), LatencyStats.of(api), LatencyStats.of(total), this.requests,
				this.productsCalled, this.http429, this.rateWaitMs, this.retryWaitMs);
		return new ReportData(summary, api, total, this.finishedAt.sorted(), List.copyOf(this.images),
				this.imageCount, List.copyOf(this.skippedRows));
	}

	private long count(ProductStatus status) {
		long[] count = this.statusCounts.get(status.name());
		return count == null ? 0 : count[0];
	}

}
