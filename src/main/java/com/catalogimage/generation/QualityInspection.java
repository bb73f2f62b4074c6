package com.catalogimage.generation;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.image.AspectRatio;
import com.catalogimage.image.Dimensions;
import com.catalogimage.image.ImageSize;
import com.catalogimage.provider.LocalWriteException;
import com.catalogimage.storage.AtomicFiles;
import com.catalogimage.storage.CachedImage;
import com.catalogimage.storage.OutputLayout;
import com.catalogimage.storage.QualityGate;

/**
 * The quality gate as both ways of buying an image apply it (one call, or a line of a provider batch): an image that
 * does not decode, has the wrong shape or is blank does not replace the catalog image; a copy goes to the quarantine
 * folder and the product is skipped with the reason. It stays in the cache, so a re-run does not pay for it again.
 */
final class QualityInspection {

	private final OutputLayout layout;

	QualityInspection(OutputLayout layout) {
		this.layout = layout;
	}

	/**
	 * @return the image's size as the gate read it ({@link Dimensions#UNKNOWN} for a format it cannot read), so the
	 * result need not open the file again
	 * @throws ProductSkippedException when the image fails the gate
	 */
	Dimensions inspect(CatalogItem item, CachedImage image, AttemptStats stats, Instant started) {
		Dimensions expected = AspectRatio.dimensions(item.aspectRatio(), ImageSize.parse(item.size()).orElseThrow());
		QualityGate.Verdict verdict = QualityGate.inspect(image.file(), expected);
		String problem = verdict.problem();
		if (problem == null) {
			return verdict.size() == null ? Dimensions.UNKNOWN : verdict.size();
		}
		Path quarantined = this.layout.quarantine()
			.resolve(item.sku() + "-" + item.fingerprint().substring(0, 12) + "." + image.format().extension());
		try {
			AtomicFiles.copy(image.file(), quarantined);
		}
		catch (IOException ex) {
			throw LocalWriteException.keptImage(quarantined, ex);
		}
		throw new ProductSkippedException("quality:" + problem,
				"the image failed the quality gate (" + problem + "); see " + this.layout.relative(quarantined),
				stats, stats.firstAttemptAt() != null ? stats.firstAttemptAt() : started, false, null);
	}

}
