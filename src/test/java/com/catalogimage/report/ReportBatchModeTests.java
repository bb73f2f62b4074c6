package com.catalogimage.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.catalogimage.batchmode.BatchTotalsQuery;
import com.catalogimage.catalog.ProductStatus;
import com.catalogimage.generation.CostCalculator;
import com.catalogimage.generation.PricingProperties;
import com.catalogimage.generation.PricingProperties.ModelPrice;
import com.catalogimage.storage.AttemptJournal;
import com.catalogimage.storage.OutputLayout;
import com.catalogimage.storage.ProductOutcome;
import com.catalogimage.storage.ResultFigures.Calls;
import com.catalogimage.storage.ResultFigures.ImageFile;
import com.catalogimage.storage.ResultFigures.Origin;
import com.catalogimage.storage.ResultFigures.Price;
import com.catalogimage.storage.ResultFigures.Timing;
import com.catalogimage.storage.ResultRepository;
import com.catalogimage.support.MigratedDatabase;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static com.catalogimage.support.CsvFiles.csv;
import static com.catalogimage.support.CsvFiles.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The report of a run that bought images through provider batches, rendered from rows inserted the way the batch
 * step records them: result rows with their origin, and the instance's provider_batch rows with the duplicate outputs
 * they billed.
 */
class ReportBatchModeTests {

	private static final String MODEL = "gemini-3.1-flash-image-preview";

	private static final long INSTANCE = 7;

	private static final long EXECUTION = 11;

	private static final Instant SUBMITTED = Instant.parse("2026-11-24T01:00:00Z");

	/** The flat 1K price of the model, and the same at its batch discount of one half. */
	private static final BigDecimal SYNC_PRICE = new BigDecimal("0.067");

	private static final BigDecimal BATCH_PRICE = new BigDecimal("0.0335");

	@TempDir
	Path output;

	private final JdbcTemplate jdbc = MigratedDatabase.h2();

	private int shards;

	private final CostCalculator costs = new CostCalculator(new PricingProperties("2026-11-24",
			Map.of(MODEL, new ModelPrice(new BigDecimal("0.50"), new BigDecimal("60"), new BigDecimal("3.00"),
					Map.of("1K", SYNC_PRICE), new BigDecimal("0.5")))));

	@Test
	void aDuplicateOutputCountsInTheTotalSpentWhileItsProductIsListedOnce() throws IOException {
		// given: two products harvested from a batch that also delivered a second, billed output for B-1; a third
		// product whose batch expired, bought synchronously afterwards
		long succeeded = batch("SUCCEEDED", "batches/one", 1, BATCH_PRICE);
		long expired = batch("EXPIRED", "batches/two", 0, BigDecimal.ZERO);
		result(item(1, "B-1", succeeded), BATCH_PRICE, Origin.batch("batches/one", SUBMITTED));
		result(item(2, "B-2", succeeded), BATCH_PRICE, Origin.batch("batches/one", SUBMITTED));
		result(item(3, "S-3", expired), SYNC_PRICE, Origin.SYNC);
		// when
		ReportSummary summary = renderer().render(INSTANCE);
		// then: one row per product, the duplicate only in the money
		List<CSVRecord> rows = csv(this.output.resolve("report.csv"));
		assertThat(rows).extracting(row -> row.get("sku")).containsExactly("B-1", "B-2", "S-3");
		assertThat(rows).extracting(row -> row.get("mode")).containsExactly("batch", "batch", "sync");
		assertThat(rows.get(0).get("batch_id")).isEqualTo("batches/one");
		assertThat(rows.get(0).get("batch_wait_s")).isEqualTo("5400.000");
		BigDecimal rowsCost = BATCH_PRICE.add(BATCH_PRICE).add(SYNC_PRICE);
		assertThat(rows.stream().map(row -> new BigDecimal(row.get("cost_usd"))).reduce(BigDecimal.ZERO,
				BigDecimal::add)).isEqualByComparingTo(rowsCost);
		Map<String, String> figures = summary(this.output.resolve("summary.csv"));
		assertThat(figures).containsEntry("products", "3")
			.containsEntry("generated", "3")
			.containsEntry("cost_usd", Figures.usd(rowsCost.add(BATCH_PRICE)))
			.containsEntry("duplicate_outputs_billed", "1")
			.containsEntry("duplicate_outputs_usd", "0.033500")
			.containsEntry("images_batch", "2")
			.containsEntry("images_sync", "1")
			.containsEntry("batch_saved_usd", "0.067000")
			.containsEntry("batches_submitted", "2")
			.containsEntry("batches_succeeded", "1")
			.containsEntry("batches_expired", "1")
			.containsEntry("batches_cancelled", "0")
			.containsEntry("batches_failed", "0");
		// bought at the batch price already: the batch rows and the duplicate as they are, the sync row discounted
		assertThat(figures).containsEntry("batch_price_equivalent_usd",
				Figures.usd(BATCH_PRICE.multiply(BigDecimal.valueOf(3)).add(SYNC_PRICE.multiply(new BigDecimal("0.5")))));
		assertThat(summary.costUsd()).isEqualByComparingTo(rowsCost.add(BATCH_PRICE));
		String html = Files.readString(this.output.resolve("report.html"));
		assertThat(html).contains("<div class=\"big\" id=\"total-cost\">$0.1675</div>")
			.contains("<table id=\"batch-mode\">")
			.contains("<tr><td>duplicate outputs billed</td><td class=\"n\">1 ($0.0335, in the total cost)</td></tr>")
			.contains("<tr><td>succeeded / expired / cancelled / failed</td><td class=\"n\">1 / 1 / 0 / 0</td></tr>");
		assertThat(renderer().summarize(INSTANCE).costUsd()).isEqualByComparingTo(summary.costUsd());
	}

	@Test
	void aRunWithoutBatchesShowsNoBatchBlockAndZerosInTheSummary() throws IOException {
		// given
		result(item(1, "S-1", null), SYNC_PRICE, Origin.SYNC);
		// when
		renderer().render(INSTANCE);
		// then
		assertThat(Files.readString(this.output.resolve("report.html"))).doesNotContain("Batch API</h2>")
			.doesNotContain("batch-mode");
		assertThat(summary(this.output.resolve("summary.csv"))).containsEntry("images_sync", "1")
			.containsEntry("images_batch", "0")
			.containsEntry("batches_submitted", "0")
			.containsEntry("duplicate_outputs_billed", "0")
			.containsEntry("cost_usd", "0.067000");
	}

	private ReportRenderer renderer() {
		return new ReportRenderer(new ReportRepository(this.jdbc),
				new RunFactsQuery(mock(JobRepository.class), this.jdbc, "generate"), new ResultRepository(this.jdbc),
				new AttemptJournal(this.jdbc, new DataSourceTransactionManager(this.jdbc.getDataSource())),
				new BatchTotalsQuery(this.jdbc), this.costs, new ReportProperties(Duration.ZERO, 10, 10, 160),
				new OutputLayout(this.output), Clock.fixed(SUBMITTED, ZoneOffset.UTC));
	}

	private long batch(String state, String providerName, int duplicates, BigDecimal duplicateCost) {
		this.jdbc.update("""
				insert into provider_batch (job_instance_id, shard_no, display_name, provider, model, state,
				    provider_name, products, intent_at, submitted_at, ended_at, duplicates, duplicate_cost_usd)
				values (?, ?, ?, 'gemini', ?, ?, ?, 2, ?, ?, ?, ?, ?)""", INSTANCE, ++this.shards,
				"catalog-image-0123456789ab-" + providerName, MODEL, state, providerName,
				SUBMITTED.atOffset(ZoneOffset.UTC), SUBMITTED.atOffset(ZoneOffset.UTC),
				SUBMITTED.plusSeconds(5400).atOffset(ZoneOffset.UTC), duplicates, duplicateCost);
		return this.jdbc.queryForObject("select id from provider_batch where provider_name = ?", Long.class,
				providerName);
	}

	private long item(int line, String sku, @Nullable Long batchId) {
		this.jdbc.update("""
				insert into catalog_item (job_instance_id, line_no, sku, name, prompt, image_size, aspect_ratio,
				    fingerprint, status, batch_id)
				values (?, ?, ?, ?, 'a prompt', '1K', '1:1', ?, 'GENERATED', ?)""", INSTANCE, line, sku,
				"Product " + sku, "0".repeat(64), batchId);
		return this.jdbc.queryForObject("select id from catalog_item where sku = ?", Long.class, sku);
	}

	private void result(long itemId, BigDecimal cost, Origin origin) {
		Instant finished = SUBMITTED.plusSeconds(5400);
		new ResultRepository(this.jdbc).insert(new ProductOutcome(itemId, INSTANCE, EXECUTION,
				ProductStatus.GENERATED, null, "gemini", MODEL, "1K", "1:1", new Calls(0, 0, 0, 0L, 0L),
				new Timing(null, null, finished, finished), new Price(null, null, cost, "flat"), ImageFile.NONE,
				origin));
	}

}
