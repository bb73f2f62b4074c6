package com.catalogimage.report;

import java.util.function.Consumer;

import com.catalogimage.catalog.Rejection;
import com.catalogimage.storage.ProductRecord;
import com.catalogimage.storage.ResultFigures.Calls;
import com.catalogimage.storage.ResultFigures.ImageFile;
import com.catalogimage.storage.ResultFigures.Origin;
import com.catalogimage.storage.ResultFigures.Price;
import com.catalogimage.storage.ResultFigures.Timing;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads what the report shows besides the products' results (those come from
 * {@link com.catalogimage.storage.ResultRepository}): the products a catalog no longer lists, and its rejected rows.
 */
class ReportRepository {

	/** Status of a product the output folder had an image for but the catalog no longer lists. */
	static final String REMOVED = "REMOVED";

	private final JdbcTemplate jdbc;

	ReportRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Products the output folder had an image for that the instance's catalog no longer lists, as REMOVED rows after
	 * the catalog's own.
	 */
	void forEachRemoval(long jobInstanceId, Consumer<ProductRecord> consumer) {
		this.jdbc.query("select sku, image_path, pruned from catalog_removal where job_instance_id = ? order by sku",
				rs -> {
					boolean pruned = rs.getBoolean("pruned");
					consumer.accept(new ProductRecord(0, rs.getString("sku"), "", REMOVED,
							pruned ? "not in the catalog; image deleted (--prune)" : "not in the catalog; image kept",
							null, null, "", "", Calls.NONE, Timing.NONE, Price.NONE,
							new ImageFile(null, null, null, null, pruned ? null : rs.getString("image_path")), null, Origin.SYNC));
				}, jobInstanceId);
	}

	void forEachRejection(long jobInstanceId, Consumer<Rejection> consumer) {
		this.jdbc.query(
				"select line_no, sku, field, reason from catalog_rejection where job_instance_id = ? order by line_no",
				rs -> {
					consumer.accept(new Rejection(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
				}, jobInstanceId);
	}

	long countRejections(long jobInstanceId) {
		Long count = this.jdbc.queryForObject("select count(*) from catalog_rejection where job_instance_id = ?",
				Long.class, jobInstanceId);
		return count == null ? 0 : count;
	}

}
