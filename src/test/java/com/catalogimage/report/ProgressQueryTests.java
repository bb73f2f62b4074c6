package com.catalogimage.report;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

import com.catalogimage.batchmode.BatchTotalsQuery;
import com.catalogimage.storage.ResultRepository;
import com.catalogimage.support.MigratedDatabase;
import com.catalogimage.support.QueryPlans;
import com.catalogimage.support.ScanCountingJdbcTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

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

	@Test
	void aReadCostsWhatChangedSinceThePreviousOneNotTheProductsDoneNorThePendingOnes() {
		// given: of 20,000 products 10,000 done and five up to date from an earlier run, read once
		ScanCountingJdbcTemplate counting = new ScanCountingJdbcTemplate(this.jdbc);
		ProgressQuery query = new ProgressQuery(counting, new ResultRepository(counting), new BatchTotalsQuery(counting));
		QueryPlans.stagePending(this.jdbc, 6, 500);
		QueryPlans.stagePending(this.jdbc, 7, 20_000);
		QueryPlans.stagePending(this.jdbc, 8, 500);
		upToDate(7, 19_996, 20_000);
		finish(7, 11, 1, 10_000);
		query.read(7, 11);
		counting.takeRowsRead();
		// when: ten more are done
		finish(7, 11, 10_001, 10_010);
		Progress progress = query.read(7, 11);
		// then: the read cost the ten results and their products, not the instance's rows nor its pending ones
		assertThat(counting.takeRowsRead()).isLessThan(100);
		assertThat(progress).isEqualTo(recount(7, 11));
		assertThat(progress.pending()).isEqualTo(9_985);
	}

	@Test
	void countsAProductWhoseChunkCommitsAfterOneWithALargerIdWasReadAsPendingUntilThen() throws SQLException {
		// given: the first product's chunk still open while a later one committed, and two products up to date
		QueryPlans.stagePending(this.jdbc, 7, 10);
		upToDate(7, 9, 10);
		try (Connection slow = this.jdbc.getDataSource().getConnection()) {
			slow.setAutoCommit(false);
			finish(new JdbcTemplate(new SingleConnectionDataSource(slow, true)), 7, 11, 1, 1);
			finish(7, 11, 4, 4);
			assertThat(this.query.read(7, 11)).isEqualTo(recount(7, 11));
			// when
			slow.commit();
		}
		// then
		Progress progress = this.query.read(7, 11);
		assertThat(progress).isEqualTo(recount(7, 11));
		assertThat(progress.pending()).isEqualTo(6);
		assertThat(progress.imagesNow()).isEqualTo(2);
	}

	@Test
	void afterARestartImagesAreThisExecutionsAndMoneyAnd429sTheInstances() {
		// given: an execution that did 30 products and a restart that does 20 more
		QueryPlans.stagePending(this.jdbc, 7, 60);
		finish(7, 11, 1, 30);
		this.query.read(7, 11);
		// when
		Progress first = this.query.read(7, 12);
		Progress firstRecounted = recount(7, 12);
		finish(7, 12, 31, 50);
		Progress later = this.query.read(7, 12);
		// then
		assertThat(first.imagesNow()).isZero();
		assertThat(first).isEqualTo(firstRecounted);
		assertThat(later.imagesNow()).isEqualTo(20);
		assertThat(later.spentUsd()).isEqualByComparingTo("2.000");
		assertThat(later).isEqualTo(recount(7, 12));
	}

	private void upToDate(long instance, long from, long to) {
		this.jdbc.update("update catalog_item set status = 'UP_TO_DATE' where job_instance_id = ? and line_no between ? and ?",
				instance, from, to);
	}

	/** Finishes the instance's products of lines {@code from} to {@code to} as the writer does, a 429 every third. */
	private void finish(long instance, long execution, long from, long to) {
		finish(this.jdbc, instance, execution, from, to);
	}

	private static void finish(JdbcTemplate jdbc, long instance, long execution, long from, long to) {
		jdbc.update("""
				update catalog_item set status = 'GENERATED'
				 where job_instance_id = ? and line_no between ? and ?""", instance, from, to);
		jdbc.update("""
				insert into generation_result (item_id, job_instance_id, job_execution_id, status, provider, model,
				    image_size, aspect_ratio, attempts, attempts_unknown, http_429, rate_wait_ms, retry_wait_ms, cost_usd,
				    cost_basis)
				select id, job_instance_id, ?, 'GENERATED', 'gemini', 'm', '1K', '1:1', 1, 0, mod(line_no, 3), 0, 0,
				       0.04, 'flat'
				  from catalog_item where job_instance_id = ? and line_no between ? and ?""", execution, instance, from,
				to);
	}

	/** The progress as ProgressQuery read it before it kept running sums: every row of the instance, each time. */
	private Progress recount(long instance, long execution) {
		long[] items = new long[2];
		this.jdbc.query("""
				select count(*), coalesce(sum(case when status = 'PENDING' then 1 else 0 end), 0)
				  from catalog_item where job_instance_id = ?""", rs -> {
			items[0] = rs.getLong(1);
			items[1] = rs.getLong(2);
		}, instance);
		return this.jdbc.queryForObject("""
				select coalesce(sum(case when job_execution_id = ? and status in ('GENERATED', 'CACHED') then 1 else 0 end), 0),
				       coalesce(sum(cost_usd), 0), coalesce(sum(http_429), 0)
				  from generation_result where job_instance_id = ?""",
				(rs, row) -> new Progress(items[0], items[1], rs.getLong(1), rs.getBigDecimal(2), rs.getLong(3)),
				execution, instance);
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
