package com.catalogimage.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The staged products of each job instance and their status, the process indicator the generate step works from.
 */
public class CatalogItemRepository {

	private static final String COLUMNS = "id, job_instance_id, line_no, sku, name, prompt, image_size, aspect_ratio, reference_image, fingerprint";

	private final JdbcTemplate jdbc;

	public CatalogItemRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(long jobInstanceId, List<StagedProduct> products) {
		this.jdbc.batchUpdate("""
				insert into catalog_item (job_instance_id, line_no, sku, name, description, category, prompt, image_size,
				    aspect_ratio, reference_image, fingerprint, status)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", products, products.size(), (ps, staged) -> {
			Product product = staged.product();
			ps.setLong(1, jobInstanceId);
			ps.setLong(2, product.line());
			ps.setString(3, product.sku());
			ps.setString(4, product.name());
			ps.setString(5, product.description());
			ps.setString(6, product.category());
			ps.setString(7, product.prompt());
			ps.setString(8, product.size());
			ps.setString(9, product.aspectRatio());
			ps.setString(10, product.referenceImage());
			ps.setString(11, staged.fingerprint());
			ps.setString(12, staged.status().name());
		});
	}

	public void insertRejections(long jobInstanceId, List<Rejection> rejections) {
		this.jdbc.batchUpdate("""
				insert into catalog_rejection (job_instance_id, line_no, sku, field, reason) values (?, ?, ?, ?, ?)""",
				rejections, rejections.size(), (ps, rejection) -> {
					ps.setLong(1, jobInstanceId);
					ps.setLong(2, rejection.line());
					ps.setString(3, rejection.sku());
					ps.setString(4, rejection.field());
					ps.setString(5, rejection.reason());
				});
	}

	/**
	 * Removes what an earlier, rolled-back or interrupted staging of this instance may have left: its products that
	 * have no result yet, PENDING or UP_TO_DATE as staging left them. A product with a result is GENERATED, CACHED or
	 * SKIPPED, a status set in the same transaction as its result row, so it stays.
	 */
	public void deleteStaged(long jobInstanceId) {
		this.jdbc.update("delete from catalog_rejection where job_instance_id = ?", jobInstanceId);
		this.jdbc.update("delete from catalog_removal where job_instance_id = ?", jobInstanceId);
		this.jdbc.update("delete from catalog_item where job_instance_id = ? and status in ('PENDING', 'UP_TO_DATE')",
				jobInstanceId);
	}

	/** The next pending products after {@code afterId}, in id order (keyset paging). */
	public List<CatalogItem> pendingAfter(long jobInstanceId, long afterId, int limit) {
		return this.jdbc.query("select " + COLUMNS + """
				 from catalog_item
				where job_instance_id = ? and status = 'PENDING' and id > ?
				order by id
				fetch first ? rows only""", CatalogItemRepository::item, jobInstanceId, afterId, limit);
	}

	/**
	 * The next pending products after {@code afterId} that no provider batch holds ({@code batch_id} unset), in id
	 * order: what batch mode may still submit.
	 */
	public List<CatalogItem> pendingWithoutBatchAfter(long jobInstanceId, long afterId, int limit) {
		return this.jdbc.query("select " + COLUMNS + """
				 from catalog_item
				where job_instance_id = ? and status = 'PENDING' and batch_id is null and id > ?
				order by id
				fetch first ? rows only""", CatalogItemRepository::item, jobInstanceId, afterId, limit);
	}

	/** The products a provider batch holds that are still PENDING, in id order. */
	public List<CatalogItem> pendingInBatch(long batchId) {
		return this.jdbc.query("select " + COLUMNS + """
				 from catalog_item
				where batch_id = ? and status = 'PENDING'
				order by id""", CatalogItemRepository::item, batchId);
	}

	/** A product if it is still PENDING in the given batch (a batch result is applied only to such a product). */
	public Optional<CatalogItem> pendingInBatch(long id, long batchId) {
		return this.jdbc.query("select " + COLUMNS + """
				 from catalog_item
				where id = ? and batch_id = ? and status = 'PENDING'""", CatalogItemRepository::item, id, batchId)
			.stream()
			.findFirst();
	}

	/** Links products to the provider batch that holds them (in the transaction that records the batch's intent). */
	public void linkToBatch(List<Long> ids, long batchId) {
		this.jdbc.batchUpdate("update catalog_item set batch_id = ? where id = ?", ids, 500, (ps, id) -> {
			ps.setLong(1, batchId);
			ps.setLong(2, id);
		});
	}

	/** Unlinks products from their batch (left out of its input file after all: they belong in a later one). */
	public void unlinkFromBatch(List<Long> ids) {
		this.jdbc.batchUpdate("update catalog_item set batch_id = null where id = ?", ids, 500,
				(ps, id) -> ps.setLong(1, id));
	}

	/**
	 * Moves a product out of PENDING. Conditional on it still being PENDING, so a product handed out twice fails loudly
	 * instead of being recorded twice.
	 */
	public void finish(long id, ProductStatus status, @Nullable String reason) {
		int updated = this.jdbc.update("update catalog_item set status = ?, reason = ? where id = ? and status = 'PENDING'",
				status.name(), reason, id);
		if (updated != 1) {
			throw new IllegalStateException("catalog item " + id + " was not PENDING: handed out twice?");
		}
	}

	public Map<ProductStatus, Long> countByStatus(long jobInstanceId) {
		Map<ProductStatus, Long> counts = new EnumMap<>(ProductStatus.class);
		for (ProductStatus status : ProductStatus.values()) {
			counts.put(status, 0L);
		}
		this.jdbc.query("select status, count(*) from catalog_item where job_instance_id = ? group by status",
				rs -> {
					counts.put(ProductStatus.valueOf(rs.getString(1)), rs.getLong(2));
				}, jobInstanceId);
		return counts;
	}

	public long countRejections(long jobInstanceId) {
		Long count = this.jdbc.queryForObject("select count(*) from catalog_rejection where job_instance_id = ?",
				Long.class, jobInstanceId);
		return count == null ? 0 : count;
	}

	private static CatalogItem item(ResultSet rs, int row) throws SQLException {
		return new CatalogItem(rs.getLong("id"), rs.getLong("job_instance_id"), rs.getLong("line_no"),
				rs.getString("sku"), rs.getString("name"), rs.getString("prompt"), rs.getString("image_size"),
				rs.getString("aspect_ratio"), rs.getString("reference_image"), rs.getString("fingerprint"));
	}

}
