package com.catalogimage.report;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.catalogimage.batchmode.BatchTotals;
import com.catalogimage.generation.CostCalculator;
import com.catalogimage.generation.PricingProperties;
import com.catalogimage.generation.PricingProperties.ModelPrice;
import com.catalogimage.storage.ProductRecord;
import com.catalogimage.storage.ResultFigures.Calls;
import com.catalogimage.storage.ResultFigures.ImageFile;
import com.catalogimage.storage.ResultFigures.Origin;
import com.catalogimage.storage.ResultFigures.Price;
import com.catalogimage.storage.ResultFigures.Timing;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleSummaryTests {

	private static final String MODEL = "gemini-3.1-flash-image-preview";

	private static final Instant T0 = Instant.parse("2026-11-24T01:00:00Z");

	private final CostCalculator costs = new CostCalculator(new PricingProperties("2026-11-24",
			Map.of(MODEL, new ModelPrice(new BigDecimal("0.50"), new BigDecimal("60"), new BigDecimal("3.00"),
					Map.of("1K", new BigDecimal("0.067")), new BigDecimal("0.5")))));

	@Test
	void aRunThatUsedBatchesGetsOneLineForThem() {
		// given: one image by batch, one by sync, two batches (one expired) and a duplicate output billed
		SummaryCollector collector = new SummaryCollector(this.costs, 0, 0);
		collector.accept(generated("B-1", "0.0335", Origin.batch("batches/b1", T0)));
		collector.accept(generated("S-1", "0.067", Origin.SYNC));
		collector.acceptBatches(new BatchTotals(Map.of("SUCCEEDED", 1L, "EXPIRED", 1L), 2, 1, 1, 0, 0, 1,
				new BigDecimal("0.0335")));
		ReportSummary summary = collector.finish(RunFacts.unknown(1), 0).summary();
		// when
		List<String> lines = ConsoleSummary.lines(summary, "COMPLETED", Duration.ofSeconds(3));
		// then
		assertThat(lines).filteredOn(line -> line.startsWith("  batch mode:")).containsExactly(
				"  batch mode: 1 images by batch, 1 by sync; saved $0.0335 against sync; batches: 2 submitted, "
						+ "1 succeeded, 1 expired, 0 cancelled, 0 failed; 1 duplicate outputs billed $0.0335 (in the cost)");
		assertThat(lines.get(0)).endsWith("cost $0.1340");
	}

	@Test
	void aRunWhoseImagesAllCameFromBatchesHasNoImageRate() {
		// given: the only image came from a batch; the generate step ran 2 s and found nothing left to buy
		SummaryCollector collector = new SummaryCollector(this.costs, 0, 0);
		collector.accept(new ProductRecord(1, "B-1", "B-1", "GENERATED", null, "gemini", MODEL, "1K", "1:1",
				Calls.NONE, Timing.NONE,
				new Price(null, null, new BigDecimal("0.0335"), "flat"), ImageFile.NONE, 1L,
				Origin.batch("batches/b1", T0)));
		collector.acceptBatches(new BatchTotals(Map.of("SUCCEEDED", 1L), 1, 1, 0, 0, 0, 0, BigDecimal.ZERO));
		RunFacts facts = new RunFacts(1, List.of(1L), "COMPLETED", null, "gemini", MODEL, "1K", null, Duration.ofSeconds(2), 60,
				T0);
		ReportSummary summary = collector.finish(facts, 0).summary();
		// when
		List<String> lines = ConsoleSummary.lines(summary, "COMPLETED", Duration.ofSeconds(3));
		// then: not "0 images/min", which reads as a stalled run
		assertThat(lines.get(0)).contains("; n/a images/min (limit 60/min);");
	}

	@Test
	void aSynchronousRunHasNoBatchLine() {
		// given
		SummaryCollector collector = new SummaryCollector(this.costs, 0, 0);
		collector.accept(generated("S-1", "0.067", Origin.SYNC));
		ReportSummary summary = collector.finish(RunFacts.unknown(1), 0).summary();
		// when
		List<String> lines = ConsoleSummary.lines(summary, "COMPLETED", Duration.ofSeconds(3));
		// then
		assertThat(lines).noneMatch(line -> line.contains("batch mode"));
		assertThat(lines).hasSize(4);
	}

	private static ProductRecord generated(String sku, String cost, Origin origin) {
		return new ProductRecord(1, sku, sku, "GENERATED", null, "gemini", MODEL, "1K", "1:1",
				new Calls(1, 0, 0, 0L, 0L), new Timing(400L, 450L, T0, T0.plusMillis(450)),
				new Price(null, null, new BigDecimal(cost), "flat"), ImageFile.NONE, 1L, origin);
	}

}
