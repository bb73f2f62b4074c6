package com.catalogimage.catalog;

import java.util.List;

import com.catalogimage.support.MigratedDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * catalog_item no longer stores each product's description and category (V11): the prompt holds them wherever the
 * template asks for them. The columns stay, nullable, so that the upgrade does not copy the table on H2; a database
 * staged by an earlier release keeps its products through the migration.
 */
class CatalogItemWithoutCopiedTextTests {

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void stagingWritesNoDescriptionOrCategory(String vendor) {
		// given
		JdbcTemplate jdbc = vendor.equals("h2") ? MigratedDatabase.h2() : MigratedDatabase.postgres();
		CatalogItemRepository items = new CatalogItemRepository(jdbc);
		// when
		items.insert(8, List.of(new StagedProduct(new Product(2, "MUG-1", "Mug", "Studio photo of Mug: Red.", "1K",
				"1:1", null), "c".repeat(64), ProductStatus.PENDING)));
		// then: the row holds the prompt, and no second copy of what it was rendered from
		assertThat(jdbc.queryForMap("select prompt, description, category from catalog_item where sku = 'MUG-1'"))
			.containsValues("Studio photo of Mug: Red.")
			.satisfies(row -> assertThat(row.values()).filteredOn(value -> value == null).hasSize(2));
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void productsStagedBeforeTheMigrationKeepEverythingTheJobReads(String vendor) {
		// given: a database as the release before V11 left it, with two staged products, one of them generated
		JdbcTemplate jdbc = vendor.equals("h2") ? MigratedDatabase.h2UpTo("10")
				: MigratedDatabase.postgresUpTo("10.1");
		String insert = """
				insert into catalog_item (job_instance_id, line_no, sku, name, description, category, prompt, image_size,
				    aspect_ratio, reference_image, fingerprint, status, reason)
				values (7, ?, ?, ?, ?, 'Kitchen', ?, ?, ?, ?, ?, ?, ?)""";
		jdbc.update(insert, 2, "MUG-1", "Mug", "Red, 350 ml", "Studio photo of Mug: Red, 350 ml.", "1K", "1:1",
				"/catalog/mug.png", "a".repeat(64), "PENDING", null);
		jdbc.update(insert, 3, "CUP-2", "Cup", "Blue", "Studio photo of Cup: Blue.", "2K", "4:3", null,
				"b".repeat(64), "GENERATED", null);
		long mug = jdbc.queryForObject("select id from catalog_item where sku = 'MUG-1'", Long.class);
		long cup = jdbc.queryForObject("select id from catalog_item where sku = 'CUP-2'", Long.class);
		jdbc.update("""
				insert into generation_result (item_id, job_instance_id, job_execution_id, status, provider, model,
				    image_size, aspect_ratio, attempts, attempts_unknown, http_429, rate_wait_ms, retry_wait_ms, cost_basis)
				values (?, 7, 9, 'GENERATED', 'gemini', 'm', '2K', '4:3', 1, 0, 0, 0, 0, 'usage')""", cup);
		// when
		MigratedDatabase.migrate(jdbc, vendor);
		// then: the rows and what refers to them are kept
		CatalogItemRepository items = new CatalogItemRepository(jdbc);
		assertThat(items.pendingAfter(7, 0, 10)).containsExactly(new CatalogItem(mug, 7, 2, "MUG-1", "Mug",
				"Studio photo of Mug: Red, 350 ml.", "1K", "1:1", "/catalog/mug.png", "a".repeat(64)));
		assertThat(items.countByStatus(7)).containsEntry(ProductStatus.PENDING, 1L)
			.containsEntry(ProductStatus.GENERATED, 1L);
		assertThat(jdbc.queryForObject("select i.sku from generation_result r join catalog_item i on i.id = r.item_id",
				String.class)).isEqualTo("CUP-2");
		// and the next staging gets new ids
		items.insert(8, List.of(new StagedProduct(new Product(2, "MUG-1", "Mug", "a prompt", "1K", "1:1", null),
				"c".repeat(64), ProductStatus.PENDING)));
		assertThat(items.pendingAfter(8, 0, 10)).singleElement()
			.satisfies(item -> assertThat(item.id()).isGreaterThan(Math.max(mug, cup)));
	}

}
