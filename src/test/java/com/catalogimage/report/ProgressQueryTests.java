package com.catalogimage.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;

import com.catalogimage.batchmode.BatchTotalsQuery;
import com.catalogimage.storage.ResultRepository;
import com.catalogimage.support.MigratedDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ProgressQueryTests {

	private static final Instant T0 = Instant.parse("2026-11-24T01:00:00Z");

	private final JdbcTemplate jdbc = MigratedDatabase.h2();

	private final ProgressQuery query = new ProgressQuery(this.jdbc, new ResultRepository(this.jdbc),
			new BatchTotalsQuery(this.jdbc));

	@Test
	void readsTheInstancesBatchesByStateAndCountsTheirDuplicateOutputsInTheMoneySpent() {
		// given: four products, one generated synchronously; two batches running and one succeeded that billed a
		// duplicate output
		for (int line = 1; line <= 4; line++) {
			this.jdbc.update("""
					insert into catalog_item (job_instance_id, line_no, sku, name, prompt, image_size, aspect_ratio,
					    fingerprint, status)
					values (7, ?, ?, 'n', 'p', '1K', '1:1', ?, ?)""", line, "P-" + line, "0".repeat(64),
					line == 1 ? "GENERATED" : "PENDING");
		}
		this.jdbc.update("""
				insert into generation_result (item_id, job_instance_id, job_execution_id, status, provider, model,
				    image_size, aspect_ratio, attempts, attempts_unknown, http_429, rate_wait_ms, retry_wait_ms, cost_usd,
				    cost_basis)
				values ((select id from catalog_item where sku = 'P-1'), 7, 11, 'GENERATED', 'gemini', 'm', '1K', '1:1',
				    1, 0, 0, 0, 0, 0.067, 'flat')""");
		batch(1, "RUNNING", "0");
		batch(2, "RUNNING", "0");
		batch(3, "SUCCEEDED", "0.0335");
		// when
		Progress progress = this.query.read(7, 11);
		// then
		assertThat(progress.total()).isEqualTo(4);
		assertThat(progress.pending()).isEqualTo(3);
		assertThat(progress.imagesNow()).isEqualTo(1);
		assertThat(progress.spentUsd()).isEqualByComparingTo("0.1005");
		assertThat(progress.batches()).containsExactly(entry("RUNNING", 2L), entry("SUCCEEDED", 1L));
		assertThat(ProgressLine.batches(progress.batches())).isEqualTo("2 running, 1 succeeded");
	}

	@Test
	void aRunWithoutBatchesHasNone() {
		// when
		Progress progress = this.query.read(7, 11);
		// then
		assertThat(progress.batches()).isEmpty();
		assertThat(progress.spentUsd()).isEqualByComparingTo("0");
	}

	private void batch(int shard, String state, String duplicateCost) {
		this.jdbc.update("""
				insert into provider_batch (job_instance_id, shard_no, display_name, provider, model, state,
				    provider_name, products, intent_at, duplicates, duplicate_cost_usd)
				values (7, ?, ?, 'gemini', 'm', ?, ?, 1, ?, ?, ?)""", shard, "catalog-image-0123456789ab-" + shard,
				state, "batches/" + shard, T0.atOffset(ZoneOffset.UTC), new BigDecimal(duplicateCost).signum(),
				new BigDecimal(duplicateCost));
	}

}
