package com.catalogimage.catalog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.catalogimage.support.MigratedDatabase;
import com.catalogimage.support.QueryPlans;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed and the claims page through an instance's PENDING products: a page must cost its own rows, not every
 * pending row after it, or paging through a catalog costs the square of its size (H2 read 95,002 rows for a page of
 * 200 when the queries ordered by id alone).
 */
class CatalogItemPageQueryTests {

	private static final int PRODUCTS = 3_000;

	private static final int PAGE = 200;

	private final JdbcTemplate h2 = MigratedDatabase.h2();

	private final CatalogItemRepository items = new CatalogItemRepository(this.h2);

	private long firstId;

	@BeforeEach
	void stage() {
		QueryPlans.stagePending(this.h2, 7, PRODUCTS);
		QueryPlans.stagePending(this.h2, 8, 100);
		this.firstId = this.h2.queryForObject("select min(id) from catalog_item where job_instance_id = 7", Long.class);
	}

	@Test
	void theFeedsPageReadsThePageAndGivesItInIdOrder() {
		long after = this.firstId + 999;
		assertThat(QueryPlans.rowsRead(this.h2, CatalogItemRepository.PENDING_AFTER, 7L, after, PAGE))
			.isLessThanOrEqualTo(PAGE + 1);
		List<CatalogItem> page = this.items.pendingAfter(7, after, PAGE);
		assertThat(page).extracting(CatalogItem::id)
			.containsExactlyElementsOf(ids(after + 1, PAGE));
	}

	@Test
	void batchModesPageReadsThePageAndSkipsHeldProducts() {
		long after = this.firstId + 999;
		this.h2.update("update catalog_item set batch_id = 1 where id = ?", after + 1);
		assertThat(QueryPlans.rowsRead(this.h2, CatalogItemRepository.PENDING_WITHOUT_BATCH_AFTER, 7L, after, PAGE))
			.isLessThanOrEqualTo(PAGE + 2);
		assertThat(this.items.pendingWithoutBatchAfter(7, after, PAGE)).extracting(CatalogItem::id)
			.containsExactlyElementsOf(ids(after + 2, PAGE));
	}

	@Test
	void aClaimOnH2ReadsOnlyTheCandidatesItNeeds() {
		Timestamp now = Timestamp.from(Instant.parse("2026-12-01T00:00:00Z"));
		this.h2.update("update catalog_item set claimed_by = 'w1', claim_expires_at = ? where id < ?",
				Timestamp.from(now.toInstant().plusSeconds(60)), this.firstId + 100);
		assertThat(QueryPlans.rowsRead(this.h2, CatalogItemRepository.CLAIMABLE_FIRST, 7L, now, 99L, 50))
			.isLessThanOrEqualTo(100 + 50 + 1);
		List<CatalogItem> claimed = this.items.claim(7, 99, "w2", now.toInstant(), now.toInstant().plusSeconds(60), 50);
		assertThat(claimed).extracting(CatalogItem::id).containsExactlyElementsOf(ids(this.firstId + 100, 50));
	}

	private static List<Long> ids(long from, int count) {
		return java.util.stream.LongStream.range(from, from + count).boxed().toList();
	}

}
