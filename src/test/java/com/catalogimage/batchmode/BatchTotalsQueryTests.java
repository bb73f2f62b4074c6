package com.catalogimage.batchmode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import com.catalogimage.support.MigratedDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class BatchTotalsQueryTests {

	private static final Instant T0 = Instant.parse("2026-11-24T01:00:00Z");

	private final JdbcTemplate jdbc = MigratedDatabase.h2();

	private final BatchTotalsQuery query = new BatchTotalsQuery(this.jdbc);

	private final AtomicInteger shards = new AtomicInteger();

	@Test
	void countsTheInstancesBatchesByStateAndOutcomeAndAddsUpTheirDuplicates() {
		// given: one intent not yet created, two waiting, and one of each ending; another instance's batch beside them
		batch(7, "INTENT", null, 0, "0");
		batch(7, "RUNNING", "batches/r1", 0, "0");
		batch(7, "PENDING", "batches/p1", 0, "0");
		batch(7, "SUCCEEDED", "batches/s1", 2, "0.0670");
		batch(7, "SUCCEEDED", "batches/s2", 1, "0.0335");
		batch(7, "EXPIRED", "batches/e1", 0, "0");
		batch(7, "CANCELLED", "batches/c1", 0, "0");
		batch(7, "FAILED", "batches/f1", 0, "0");
		batch(8, "SUCCEEDED", "batches/other", 5, "1.0");
		// when
		BatchTotals totals = this.query.totals(7);
		// then
		assertThat(totals.byState()).containsExactly(entry("INTENT", 1L), entry("PENDING", 1L), entry("RUNNING", 1L),
				entry("SUCCEEDED", 2L), entry("FAILED", 1L), entry("CANCELLED", 1L), entry("EXPIRED", 1L));
		assertThat(totals.submitted()).isEqualTo(7);
		assertThat(totals.succeeded()).isEqualTo(2);
		assertThat(totals.expired()).isEqualTo(1);
		assertThat(totals.cancelled()).isEqualTo(1);
		assertThat(totals.failed()).isEqualTo(1);
		assertThat(totals.duplicates()).isEqualTo(3);
		assertThat(totals.duplicateCostUsd()).isEqualByComparingTo("0.1005");
		assertThat(totals.any()).isTrue();
	}

	@Test
	void anIntentClosedWithoutACreateIsNotSubmittedAndAHarvestedBatchKeepsItsOutcome() {
		// given: a create given up (429s until the switch to sync), a batch harvested after it succeeded
		batch(7, "INTENT", null, 0, "0");
		batch(7, "SUCCEEDED", "batches/s1", 0, "0");
		this.jdbc.update("update provider_batch set harvested_at = intent_at");
		batch(7, "INTENT", null, 0, "0");
		// when
		BatchTotals totals = this.query.totals(7);
		// then
		assertThat(totals.byState()).containsExactly(entry("INTENT", 1L), entry("SUCCEEDED", 1L),
				entry("NOT_SUBMITTED", 1L));
		assertThat(totals.submitted()).isEqualTo(1);
		assertThat(totals.succeeded()).isEqualTo(1);
	}

	@Test
	void anInstanceWithoutBatchesHasNone() {
		// given
		batch(8, "SUCCEEDED", "batches/other", 5, "1.0");
		// when
		BatchTotals totals = this.query.totals(7);
		// then
		assertThat(totals).isEqualTo(BatchTotals.NONE);
		assertThat(totals.any()).isFalse();
	}

	private void batch(long instance, String state, @Nullable String providerName, int duplicates, String cost) {
		int shard = this.shards.incrementAndGet();
		this.jdbc.update("""
				insert into provider_batch (job_instance_id, shard_no, display_name, provider, model, state,
				    provider_name, products, intent_at, submitted_at, duplicates, duplicate_cost_usd)
				values (?, ?, ?, 'simulator', 'gemini-3.1-flash-image-preview', ?, ?, 10, ?, ?, ?, ?)""", instance,
				shard, "catalog-image-0123456789ab-" + shard, state, providerName, T0.atOffset(ZoneOffset.UTC),
				providerName == null ? null : T0.plusSeconds(5).atOffset(ZoneOffset.UTC), duplicates,
				new BigDecimal(cost));
	}

}
