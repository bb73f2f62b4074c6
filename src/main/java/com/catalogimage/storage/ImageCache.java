package com.catalogimage.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.catalogimage.image.ImageFormat;
import com.catalogimage.image.Sha256;
import com.catalogimage.provider.GeneratedImage;
import com.catalogimage.provider.LocalWriteException;

/**
 * Every image a provider delivered, keyed by its fingerprint, stored before the chunk that asked for it commits. A
 * chunk re-run after a crash or a rollback finds its images here and pays for none of them again.
 */
public final class ImageCache {

	private final Path directory;

	public ImageCache(Path directory) {
		this.directory = directory;
	}

	public Optional<CachedImage> find(String fingerprint) {
		for (ImageFormat format : ImageFormat.values()) {
			Path file = path(fingerprint, format);
			if (Files.isRegularFile(file)) {
				try {
					return Optional.of(new CachedImage(file, format, Files.size(file), Sha256.of(file)));
				}
				catch (IOException ex) {
					// vanished between the check and the read: treat as absent
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * Moves a freshly decoded image into the cache atomically.
	 * @throws LocalWriteException when the cache cannot take it: the image was delivered (and billed) but is lost
	 */
	public CachedImage store(String fingerprint, GeneratedImage image) {
		Path target = path(fingerprint, image.format());
		try {
			AtomicFiles.publish(image.file(), target);
		}
		catch (IOException ex) {
			throw LocalWriteException.deliveredImage(target, ex);
		}
		return new CachedImage(target, image.format(), image.bytes(), image.sha256());
	}

	private Path path(String fingerprint, ImageFormat format) {
		return this.directory.resolve(fingerprint + "." + format.extension());
	}

}
