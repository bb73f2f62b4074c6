package com.catalogimage.report;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.catalogimage.batchmode.BatchTotals;
import com.catalogimage.generation.CostCalculator;
import com.catalogimage.generation.PricingProperties.ModelPrice;
import com.catalogimage.generation.PricingProperties;
import com.catalogimage.storage.AttemptJournal;
import com.catalogimage.storage.ProductRecord;
import com.catalogimage.storage.ResultFigures.Calls;
import com.catalogimage.storage.ResultFigures.ImageFile;
import com.catalogimage.storage.ResultFigures.Origin;
import com.catalogimage.storage.ResultFigures.Price;
import com.catalogimage.storage.ResultFigures.Timing;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryCollectorTests {

	private static final String MODEL = "gemini-3.1-flash-image-preview";

	private static final Instant T0 = Instant.parse("2026-11-24T01:00:00Z");

	private final CostCalculator costs = new CostCalculator(new PricingProperties("2026-11-24",
			Map.of(MODEL, new ModelPrice(new BigDecimal("0.50"), new BigDecimal("60"), new BigDecimal("3.00"),
					Map.of("1K", new BigDecimal("0.067"), "2K", new BigDecimal("0.101")), new BigDecimal("0.5")))));

	@Test
	void countsEveryStatusAndSkipReason() {
		// given
		SummaryCollector collector = new SummaryCollector(this.costs, 10, 10);
		rows().forEach(collector);
		// when
		ReportData data = collector.finish(RunFacts.unknown(1), 3);
		ReportSummary summary = data.summary();
		// then
		assertThat(summary.products()).isEqualTo(9);
		assertThat(summary.generated()).isEqualTo(4);
		assertThat(summary.cached()).isEqualTo(1);
		assertThat(summary.upToDate()).isEqualTo(1);
		assertThat(summary.skipped()).isEqualTo(2);
		assertThat(summary.pending()).isEqualTo(1);
		assertThat(summary.rejectedRows()).isEqualTo(3);
		assertThat(summary.skippedByReason()).containsExactly(Map.entry("IMAGE_SAFETY", 1L),
				Map.entry("retries-exhausted:503 UNAVAILABLE", 1L));
		assertThat(data.skippedRows()).extracting(ProductRecord::sku).containsExactly("S-1", "S-2");
		assertThat(data.images()).extracting(ProductRecord::sku).containsExactly("G-1", "G-2", "G-3", "G-4", "C-1");
		assertThat(data.imageCount()).isEqualTo(5);
	}

	@Test
	void knownCostsAddUpAndUnknownOutcomesArePossiblyBilledAtTheFlatPrice() {
		// given
		SummaryCollector collector = new SummaryCollector(this.costs, 0, 0);
		rows().forEach(collector);
		// when
		ReportSummary summary = collector.finish(RunFacts.unknown(1), 0).summary();
		// then: G-1..G-3 are priced (0.067251 + 0.067 + 0.101), G-4's model has no price
		BigDecimal known = new BigDecimal("0.067251").add(new BigDecimal("0.067")).add(new BigDecimal("0.101"));
		assertThat(summary.costUsd()).isEqualByComparingTo(known);
		assertThat(summary.unpricedImages()).isEqualTo(1);
		assertThat(summary.costPerGeneratedImage()).isEqualByComparingTo(
				known.divide(BigDecimal.valueOf(4), 6, java.math.RoundingMode.HALF_UP));
		assertThat(summary.batchEquivalentUsd()).isEqualByComparingTo(known.multiply(new BigDecimal("0.5")));
		// G-2 lost one call of unknown outcome before succeeding; S-2 lost two (1K each, flat 0.067)
		assertThat(summary.possiblyBilledCalls()).isEqualTo(3);
		assertThat(summary.possiblyBilledUsd()).isEqualByComparingTo(new BigDecimal("0.201"));
		assertThat(summary.costByStatus().get("GENERATED").possiblyBilledUsd()).isEqualByComparingTo("0.067");
		assertThat(summary.costByStatus().get("SKIPPED").possiblyBilledUsd()).isEqualByComparingTo("0.134");
		assertThat(summary.costByStatus().get("CACHED").costUsd()).isEqualByComparingTo("0");
		assertThat(summary.costByStatus().keySet()).containsExactly("GENERATED", "UP_TO_DATE", "CACHED", "SKIPPED",
				"PENDING");
	}

	@Test
	void callsRetriesAndWaitsAreSummedOverEveryProductCalled() {
		// given
		SummaryCollector collector = new SummaryCollector(this.costs, 0, 0);
		rows().forEach(collector);
		// when
		ReportSummary summary = collector.finish(new RunFacts(1, List.of(1L), "COMPLETED", null, null, null, null,
				null, Duration.ofMinutes(2), 10, null), 0).summary();
		// then: attempts 1 + 2 + 1 + 1 (generated) + 4 + 3 (skipped after calls) over 6 products called
		assertThat(summary.requests()).isEqualTo(12);
		assertThat(summary.productsCalled()).isEqualTo(6);
		assertThat(summary.retries()).isEqualTo(6);
		assertThat(summary.http429()).isEqualTo(1 + 2);
		assertThat(summary.rateWaitMs()).isEqualTo(6 * 5);
		assertThat(summary.imagesPerMinute()).isEqualTo(2.0);
		assertThat(summary.requestsPerMinute()).isEqualTo(6.0);
		assertThat(summary.rpmShareUsed()).isEqualTo(0.6);
	}

	@Test
	void percentilesComeFromTheGeneratedImagesOnlyAndMatchAHandSortedList() {
		// given: a cache hit's tiny latency must not count
		SummaryCollector collector = new SummaryCollector(this.costs, 0, 0);
		List<Long> api = new ArrayList<>();
		for (int i = 0; i < 37; i++) {
			long latency = (i * 7919L) % 1000 + 100;
			api.add(latency);
			collector.accept(generated("P-" + i, latency, latency + 30));
		}
		collector.accept(row("C-9", "CACHED", null, 0, 0, 0, null, null, new BigDecimal("0"), "cache", "images/C-9.png"));
		// when
		ReportSummary summary = collector.finish(RunFacts.unknown(1), 0).summary();
		// then
		api.sort(null);
		assertThat(summary.apiLatency().count()).isEqualTo(37);
		assertThat(summary.apiLatency().p50()).isEqualTo(api.get(19 - 1)); // ceil(0.50 * 37) = 19
		assertThat(summary.apiLatency().p90()).isEqualTo(api.get(34 - 1)); // ceil(33.3) = 34
		assertThat(summary.apiLatency().p95()).isEqualTo(api.get(36 - 1)); // ceil(35.15) = 36
		assertThat(summary.apiLatency().p99()).isEqualTo(api.get(37 - 1)); // ceil(36.63) = 37
		assertThat(summary.apiLatency().max()).isEqualTo(api.get(36));
		assertThat(summary.totalLatency().p50()).isEqualTo(api.get(18) + 30);
	}

	@Test
	void theAttemptJournalCountsCallsOfPendingProductsTooAndReplacesTheRowCounts() {
		// given: the rows say 12 calls; the journal also saw an in-flight call of a pending product
		SummaryCollector collector = new SummaryCollector(this.costs, 0, 0);
		rows().forEach(collector);
		collector.acceptCalls(new AttemptJournal.CallGroup("GENERATED", MODEL, "1K", 4, 3, 1, 1, 3, 0));
		collector.acceptCalls(new AttemptJournal.CallGroup("GENERATED", MODEL, "2K", 1, 1, 0, 0, 1, 0));
		collector.acceptCalls(new AttemptJournal.CallGroup("SKIPPED", MODEL, "1K", 7, 2, 2, 2, 0, 0));
		collector.acceptCalls(new AttemptJournal.CallGroup("PENDING", MODEL, "1K", 1, 1, 1, 0, 0, 0));
		// when
		ReportSummary summary = collector.finish(RunFacts.unknown(1), 0).summary();
		// then
		assertThat(summary.requests()).isEqualTo(13);
		assertThat(summary.productsCalled()).isEqualTo(7);
		assertThat(summary.retries()).isEqualTo(6);
		assertThat(summary.http429()).isEqualTo(3);
		assertThat(summary.possiblyBilledCalls()).isEqualTo(4);
		assertThat(summary.possiblyBilledUsd()).isEqualByComparingTo("0.268");
		assertThat(summary.costByStatus().get("PENDING").possiblyBilledUsd()).isEqualByComparingTo("0.067");
	}

	@Test
	void deliveredImagesNoRowPricesAreBilledAtTheFlatPriceAndCountInTheCost() {
		// given: besides the priced rows, the journal holds three deliveries no row prices: one lost to a full disk
		// (its product still pending), one kept in the cache by a chunk that rolled back (the restart took it from
		// the cache at no cost), and the first of two deliveries of a generated product (killed before it was kept)
		SummaryCollector collector = new SummaryCollector(this.costs, 0, 0);
		rows().forEach(collector);
		collector.acceptCalls(new AttemptJournal.CallGroup("GENERATED", MODEL, "1K", 5, 3, 1, 1, 4, 0));
		collector.acceptCalls(new AttemptJournal.CallGroup("CACHED", MODEL, "1K", 1, 1, 0, 0, 1, 0));
		collector.acceptCalls(new AttemptJournal.CallGroup("PENDING", MODEL, "1K", 1, 1, 0, 0, 0, 1));
		// when
		ReportSummary summary = collector.finish(RunFacts.unknown(1), 0).summary();
		// then: the rows' known cost plus three flat 1K images (0.067 each), billed, not merely possibly billed
		BigDecimal rowsCost = new BigDecimal("0.067251").add(new BigDecimal("0.067")).add(new BigDecimal("0.101"));
		BigDecimal unrecorded = new BigDecimal("0.201");
		assertThat(summary.unrecordedImages()).isEqualTo(3);
		assertThat(summary.unrecordedUsd()).isEqualByComparingTo(unrecorded);
		assertThat(summary.costUsd()).isEqualByComparingTo(rowsCost.add(unrecorded));
		assertThat(summary.costByStatus().get("PENDING").costUsd()).isEqualByComparingTo("0.067");
		assertThat(summary.costByStatus().get("CACHED").costUsd()).isEqualByComparingTo("0.067");
		assertThat(summary.costByStatus().get("PENDING").possiblyBilledUsd()).isEqualByComparingTo("0");
		assertThat(summary.batchEquivalentUsd())
			.isEqualByComparingTo(rowsCost.add(unrecorded).multiply(new BigDecimal("0.5")));
	}

	@Test
	void batchImagesAreCountedByModeAndSaveTheDifferenceToTheSynchronousPrice() {
		// given: two images bought through a batch at half the flat price, one of a model without a batch discount
		// (a price of 1 is no discount, so nothing saved), and the usual synchronous rows
		SummaryCollector collector = new SummaryCollector(this.costs, 0, 0);
		rows().forEach(collector);
		Origin batch = Origin.batch("batches/b1", T0);
		collector.accept(withOrigin(withModel(row("B-1", "GENERATED", null, 0, 0, 0, null, 10L,
				new BigDecimal("0.0335"), "flat", "images/B-1.png"), MODEL), batch));
		collector.accept(withOrigin(withModel(withSize(row("B-2", "GENERATED", null, 0, 0, 0, null, 10L,
				new BigDecimal("0.0505"), "flat", "images/B-2.png"), "2K"), MODEL), batch));
		collector.accept(withOrigin(withModel(row("B-3", "GENERATED", null, 0, 0, 0, null, 10L,
				new BigDecimal("0.04"), "flat", "images/B-3.png"), "no-such-model"), batch));
		// when
		ReportSummary summary = collector.finish(RunFacts.unknown(1), 0).summary();
		// then: G-1..G-4 were synchronous; B-1 and B-2 would have cost 0.067 and 0.101 synchronously
		assertThat(summary.modes().imagesSync()).isEqualTo(4);
		assertThat(summary.modes().imagesBatch()).isEqualTo(3);
		assertThat(summary.modes().savedAgainstSyncUsd()).isEqualByComparingTo("0.0840");
		assertThat(summary.modes().batchUsed()).isTrue();
		// the batch rows were bought at the batch price: the equivalent takes them as they are
		BigDecimal syncRows = new BigDecimal("0.067251").add(new BigDecimal("0.067")).add(new BigDecimal("0.101"));
		assertThat(summary.batchEquivalentUsd()).isEqualByComparingTo(
				syncRows.multiply(new BigDecimal("0.5")).add(new BigDecimal("0.0335")).add(new BigDecimal("0.0505"))
					.add(new BigDecimal("0.04")));
	}

	@Test
	void batchImagesStayOutOfTheLatenciesAndTheGenerateStepsThroughput() {
		// given: two images by calls in a generate step of one minute, one from a batch that waited an hour
		SummaryCollector collector = new SummaryCollector(this.costs, 0, 0);
		collector.accept(generated("G-1", 400, 450));
		collector.accept(generated("G-2", 600, 650));
		collector.accept(withOrigin(row("B-1", "GENERATED", null, 0, 0, 0, null, 3_600_000L,
				new BigDecimal("0.0335"), "flat", "images/B-1.png"), Origin.batch("batches/b1", T0)));
		// when
		ReportSummary summary = collector.finish(new RunFacts(1, List.of(1L), "COMPLETED", null, null, null, null,
				null, Duration.ofMinutes(1), 10, null), 0).summary();
		// then
		assertThat(summary.generated()).isEqualTo(3);
		assertThat(summary.totalLatency().count()).isEqualTo(2);
		assertThat(summary.totalLatency().max()).isEqualTo(650);
		assertThat(summary.imagesPerMinute()).isEqualTo(2.0);
	}

	@Test
	void theDuplicateOutputsOfBatchesAreInTheTotalCostThoughNoRowHoldsThem() {
		// given
		SummaryCollector collector = new SummaryCollector(this.costs, 0, 0);
		rows().forEach(collector);
		collector.acceptBatches(new BatchTotals(Map.of("SUCCEEDED", 1L), 1, 1, 0, 0, 0, 2, new BigDecimal("0.067")));
		// when
		ReportSummary summary = collector.finish(RunFacts.unknown(1), 0).summary();
		// then
		BigDecimal rowsCost = new BigDecimal("0.067251").add(new BigDecimal("0.067")).add(new BigDecimal("0.101"));
		assertThat(summary.costUsd()).isEqualByComparingTo(rowsCost.add(new BigDecimal("0.067")));
		assertThat(summary.products()).isEqualTo(9);
		assertThat(summary.modes().batches().duplicates()).isEqualTo(2);
		assertThat(summary.modes().imagesBatch()).isZero();
		assertThat(summary.modes().batchUsed()).isTrue();
	}

	@Test
	void removedProductsAreListedButAreNotProductsOfTheCatalog() {
		// given
		SummaryCollector collector = new SummaryCollector(this.costs, 10, 10);
		rows().forEach(collector);
		collector.accept(new ProductRecord(0, "OLD-1", "", ReportRepository.REMOVED, "not in the catalog; image kept",
				null, null, "", "", Calls.NONE, Timing.NONE, Price.NONE,
				new ImageFile(null, null, null, null, "images/OLD-1.png"), null, Origin.SYNC));
		// when
		ReportData data = collector.finish(RunFacts.unknown(1), 0);
		// then
		assertThat(data.summary().removed()).isEqualTo(1);
		assertThat(data.summary().products()).isEqualTo(9);
		assertThat(data.images()).extracting(ProductRecord::sku).doesNotContain("OLD-1");
	}

	private static List<ProductRecord> rows() {
		return List.of(
				row("G-1", "GENERATED", null, 1, 0, 0, 400L, 450L, new BigDecimal("0.067251"), "tokens", "images/G-1.png"),
				row("G-2", "GENERATED", null, 2, 1, 1, 500L, 900L, new BigDecimal("0.067"), "flat", "images/G-2.png"),
				withSize(row("G-3", "GENERATED", null, 1, 0, 0, 600L, 610L, new BigDecimal("0.101"), "flat",
						"images/G-3.png"), "2K"),
				withModel(row("G-4", "GENERATED", null, 1, 0, 0, 700L, 720L, null, "unknown", "images/G-4.png"),
						"no-such-model"),
				row("C-1", "CACHED", null, 0, 0, 0, null, 5L, BigDecimal.ZERO, "cache", "images/C-1.png"),
				row("U-1", "UP_TO_DATE", null, 0, 0, 0, null, null, null, null, null),
				row("S-1", "SKIPPED", "IMAGE_SAFETY", 4, 0, 0, null, null, null, "unknown", null),
				row("S-2", "SKIPPED", "retries-exhausted:503 UNAVAILABLE", 3, 2, 2, null, null, null, "unknown", null),
				row("P-1", "PENDING", null, 0, 0, 0, null, null, null, null, null));
	}

	private static ProductRecord generated(String sku, long api, long total) {
		return row(sku, "GENERATED", null, 1, 0, 0, api, total, new BigDecimal("0.067"), "flat",
				"images/" + sku + ".png");
	}

	private static ProductRecord row(String sku, String status, String reason, int attempts, int unknown, int http429,
			Long api, Long total, BigDecimal cost, String basis, String imagePath) {
		boolean called = attempts > 0 || "CACHED".equals(status);
		Calls calls = called ? new Calls(attempts, unknown, http429, attempts > 0 ? 5L : 0L, 0L) : Calls.NONE;
		return new ProductRecord(1, sku, "Product " + sku, status, reason, called ? "simulator" : null,
				called ? MODEL : null, "1K", "1:1", calls, new Timing(api, total, T0, T0.plusMillis(total == null ? 0 : total)),
				new Price(null, null, cost, basis), new ImageFile(null, null, null, null, imagePath), 1L, Origin.SYNC);
	}

	private static ProductRecord withSize(ProductRecord row, String size) {
		return new ProductRecord(row.line(), row.sku(), row.name(), row.status(), row.reason(), row.provider(),
				row.model(), size, row.aspectRatio(), row.calls(), row.timing(), row.price(), row.image(),
				row.executionId(), row.origin());
	}

	private static ProductRecord withOrigin(ProductRecord row, Origin origin) {
		return new ProductRecord(row.line(), row.sku(), row.name(), row.status(), row.reason(), row.provider(),
				row.model(), row.size(), row.aspectRatio(), row.calls(), row.timing(), row.price(), row.image(),
				row.executionId(), origin);
	}

	private static ProductRecord withModel(ProductRecord row, String model) {
		return new ProductRecord(row.line(), row.sku(), row.name(), row.status(), row.reason(), row.provider(), model,
				row.size(), row.aspectRatio(), row.calls(), row.timing(), row.price(), row.image(), row.executionId(), row.origin());
	}

}
