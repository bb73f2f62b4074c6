package com.catalogimage.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;

import com.catalogimage.image.ImageFormat;
import com.catalogimage.image.Sha256;
import com.catalogimage.provider.LocalWriteException;

/**
 * Puts a product's image at {@code images/<sku>.<ext>}: a hard link to its cache entry (a copy where the file system
 * has none) made beside the target and renamed over it, so a reader never sees half an image, and placing the same
 * bytes again (a re-run chunk) changes nothing.
 */
public final class ImagePlacement {

	private final OutputLayout layout;

	public ImagePlacement(OutputLayout layout) {
		this.layout = layout;
	}

	public Path place(CachedImage image, String sku) {
		Path target = this.layout.images().resolve(sku + "." + image.format().extension());
		try {
			if (Files.isRegularFile(target) && Files.size(target) == image.bytes()
					&& Sha256.of(target).equals(image.sha256())) {
				return target;
			}
			// the cache entry was forced to disk when it was published: a link places it without a copy or an fsync
			AtomicFiles.link(image.file(), target);
			return target;
		}
		catch (IOException ex) {
			// the image stays in the cache: a restart places it without a call
			throw LocalWriteException.of(target, ex);
		}
	}

	/**
	 * The product's images in the other formats, left by an earlier run whose model answered in another format (a
	 * switch from a PNG model to a JPEG one, say): once the new image is recorded they are stale copies nobody lists.
	 */
	public List<Path> otherFormats(String sku, ImageFormat kept) {
		List<Path> stale = new ArrayList<>();
		for (ImageFormat format : ImageFormat.values()) {
			Path file = this.layout.images().resolve(sku + "." + format.extension());
			if (format != kept && Files.isRegularFile(file)) {
				stale.add(file);
			}
		}
		return stale;
	}

}
