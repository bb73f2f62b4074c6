package com.catalogimage.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.catalogimage.catalog.ManifestDiff;
import com.catalogimage.image.Sha256;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The persistent image manifest of an output folder: SKU to the fingerprint and file of its current image. It makes
 * the nightly refresh incremental, and is updated in the chunk transaction that places each image.
 */
public class ImageManifest implements ManifestDiff {

	private final JdbcTemplate jdbc;

	private final OutputLayout layout;

	public ImageManifest(JdbcTemplate jdbc, OutputLayout layout) {
		this.jdbc = jdbc;
		this.layout = layout;
	}

	private String root() {
		return this.layout.root().toString();
	}

	/** Records the image just placed for a SKU, replacing the previous entry. */
	public void put(ManifestEntry entry) {
		Object[] values = { entry.fingerprint(), entry.imagePath(), entry.sha256(), entry.bytes(), entry.modifiedAt(),
				entry.width(), entry.height(), entry.size(), entry.costUsd(),
				entry.generatedAt().atOffset(ZoneOffset.UTC), entry.jobInstanceId(), root(), entry.sku() };
		int updated = this.jdbc.update("""
				update image_manifest set fingerprint = ?, image_path = ?, sha256 = ?, bytes = ?, modified_at = ?,
				    width = ?, height = ?, image_size = ?, cost_usd = ?, generated_at = ?, job_instance_id = ?
				where output_root = ? and sku = ?""", values);
		if (updated == 0) {
			this.jdbc.update("""
					insert into image_manifest (fingerprint, image_path, sha256, bytes, modified_at, width, height,
					    image_size, cost_usd, generated_at, job_instance_id, output_root, sku)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", values);
		}
	}

	public @Nullable ManifestEntry get(String sku) {
		List<ManifestEntry> entries = this.jdbc.query("select * from image_manifest where output_root = ? and sku = ?",
				(rs, row) -> new ManifestEntry(rs.getString("sku"), rs.getString("fingerprint"),
						rs.getString("image_path"), rs.getString("sha256"), rs.getLong("bytes"),
						rs.getLong("modified_at"), (Integer) rs.getObject("width"), (Integer) rs.getObject("height"),
						rs.getString("image_size"), rs.getBigDecimal("cost_usd"),
						rs.getObject("generated_at", java.time.OffsetDateTime.class).toInstant(),
						rs.getLong("job_instance_id")),
				root(), sku);
		return entries.isEmpty() ? null : entries.get(0);
	}

	/**
	 * Records the manifest's SKUs that the instance's catalog no longer lists, neither as a staged product nor as a
	 * rejected row (a rejected row's product is only broken for now); with {@code prune} their image files and
	 * manifest entries are deleted.
	 */
	@Override
	public long recordRemoved(long jobInstanceId, boolean prune) throws IOException {
		List<String[]> removed = this.jdbc.query("""
				select m.sku, m.image_path from image_manifest m where m.output_root = ?
				   and not exists (select 1 from catalog_item c where c.job_instance_id = ? and c.sku = m.sku)
				   and not exists (select 1 from catalog_rejection r where r.job_instance_id = ? and r.sku = m.sku)""",
				(rs, row) -> new String[] { rs.getString(1), rs.getString(2) }, root(), jobInstanceId, jobInstanceId);
		for (String[] entry : removed) {
			if (prune) {
				Files.deleteIfExists(this.layout.root().resolve(entry[1]));
				this.jdbc.update("delete from image_manifest where output_root = ? and sku = ?", root(), entry[0]);
			}
			this.jdbc.update("insert into catalog_removal (job_instance_id, sku, image_path, pruned) values (?, ?, ?, ?)",
					jobInstanceId, entry[0], entry[1], prune);
		}
		return removed.size();
	}

	/**
	 * Of the given products (SKU to fingerprint), those whose image is current: same fingerprint in the manifest and
	 * the file unchanged on disk (size and modification time as written, or else the same SHA-256, so a nightly run
	 * over 100,000 unchanged products does not read every image). Looks them up in batches of 500.
	 */
	@Override
	public java.util.Set<String> current(java.util.Map<String, String> fingerprintsBySku) {
		java.util.Set<String> current = new java.util.HashSet<>();
		List<String> skus = new ArrayList<>(fingerprintsBySku.keySet());
		for (int from = 0; from < skus.size(); from += 500) {
			List<String> batch = skus.subList(from, Math.min(skus.size(), from + 500));
			String marks = String.join(",", java.util.Collections.nCopies(batch.size(), "?"));
			List<Object> args = new ArrayList<>();
			args.add(root());
			args.addAll(batch);
			this.jdbc.query("select sku, fingerprint, image_path, sha256, bytes, modified_at from image_manifest"
					+ " where output_root = ? and sku in (" + marks + ")", rs -> {
						String sku = rs.getString(1);
						if (rs.getString(2).equals(fingerprintsBySku.get(sku))
								&& unchanged(rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6))) {
							current.add(sku);
						}
					}, args.toArray());
		}
		return current;
	}

	private boolean unchanged(String imagePath, String sha256, long bytes, long modifiedAt) {
		Path file = this.layout.root().resolve(imagePath);
		try {
			if (!Files.isRegularFile(file) || Files.size(file) != bytes) {
				return false;
			}
			if (Files.getLastModifiedTime(file).toMillis() == modifiedAt) {
				return true;
			}
			return Sha256.of(file).equals(sha256);
		}
		catch (IOException ex) {
			return false;
		}
	}

}
