package com.catalogimage.catalog;

import java.util.ArrayList;
import java.util.List;

import com.catalogimage.support.MigratedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staging inserts every product with its batch, claim and deferral columns NULL, and no index holds an entry for them
 * (V10): on H2 those columns have no index, on PostgreSQL partial ones that leave NULL out. What batch and remote mode
 * look up by those columns is still found, through an index.
 */
class CatalogItemIndexesTests {

	private static final List<String> SPARSE = List.of("ix_catalog_item_batch", "ix_catalog_item_claimed_by",
			"ix_catalog_item_deferred");

	@Test
	void onH2TheBatchClaimAndDeferralColumnsHaveNoIndex() {
		// given
		JdbcTemplate jdbc = MigratedDatabase.h2();
		// when
		List<String> indexes = jdbc.queryForList(
				"select lower(index_name) from information_schema.indexes where table_name = 'CATALOG_ITEM'",
				String.class);
		// then
		assertThat(indexes).contains("ix_catalog_item_feed").doesNotContainAnyElementsOf(SPARSE);
	}

	@Test
	void onPostgresqlStagingWritesNothingToTheBatchClaimAndDeferralIndexes() {
		// given
		JdbcTemplate jdbc = MigratedDatabase.postgres();
		List<Long> before = SPARSE.stream().map(index -> size(jdbc, index)).toList();
		// when: two batches of staged products
		CatalogItemRepository items = new CatalogItemRepository(jdbc);
		items.insert(1, staged(1, 1000));
		items.insert(1, staged(1001, 1000));
		// then
		assertThat(SPARSE.stream().map(index -> size(jdbc, index)).toList()).isEqualTo(before);
	}

	@Test
	void onPostgresqlTheQueriesByBatchClaimAndDeferralUseTheirIndex() {
		// given
		JdbcTemplate jdbc = MigratedDatabase.postgres();
		new CatalogItemRepository(jdbc).insert(1, staged(1, 100));
		// when
		List<String> plans = new ArrayList<>();
		jdbc.execute((java.sql.Connection connection) -> {
			try (var statement = connection.createStatement()) {
				statement.execute("set enable_seqscan = off");
				for (String where : List.of("batch_id = 7", "claimed_by = 'host-1-abc'", "deferred_execution_id = 3")) {
					StringBuilder plan = new StringBuilder();
					try (var rows = statement
						.executeQuery("explain select id from catalog_item where " + where + " and status = 'PENDING'")) {
						while (rows.next()) {
							plan.append(rows.getString(1)).append('\n');
						}
					}
					plans.add(plan.toString());
				}
			}
			return null;
		});
		// then
		assertThat(plans.get(0)).contains("ix_catalog_item_batch");
		assertThat(plans.get(1)).contains("ix_catalog_item_claimed_by");
		assertThat(plans.get(2)).contains("ix_catalog_item_deferred");
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void aBatchsPendingProductsAreThoseOfItsInstanceItHoldsThatAreStillPending(String database) {
		// given: products 2, 3 and 4 of instance 1 in batch 7, product 3 generated since
		JdbcTemplate jdbc = database.equals("h2") ? MigratedDatabase.h2() : MigratedDatabase.postgres();
		CatalogItemRepository items = new CatalogItemRepository(jdbc);
		items.insert(1, staged(1, 5));
		items.insert(2, staged(1, 5));
		List<Long> ids = jdbc.queryForList("select id from catalog_item where job_instance_id = 1 order by id",
				Long.class);
		items.linkToBatch(ids.subList(1, 4), 7);
		items.finish(ids.get(2), ProductStatus.GENERATED, null);
		// when
		List<CatalogItem> pending = items.pendingInBatch(1, 7);
		// then
		assertThat(pending).extracting(CatalogItem::id).containsExactly(ids.get(1), ids.get(3));
		assertThat(items.pendingInBatch(2, 7)).isEmpty();
	}

	private static long size(JdbcTemplate jdbc, String index) {
		Long size = jdbc.queryForObject("select pg_relation_size(?::regclass)", Long.class, index);
		return size == null ? -1 : size;
	}

	/** {@code count} products as staging inserts them, from line {@code first}. */
	private static List<StagedProduct> staged(int first, int count) {
		List<StagedProduct> products = new ArrayList<>();
		for (int line = first; line < first + count; line++) {
			Product product = new Product(line, "SKU-" + line, "Product " + line, "Photo of Product " + line,
					"1K", "1:1", null);
			products.add(new StagedProduct(product, "%064d".formatted(line), ProductStatus.PENDING));
		}
		return products;
	}

}
