package com.catalogimage.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * An image's width and height in pixels.
 *
 * @param width pixels across
 * @param height pixels down
 */
public record Dimensions(int width, int height) {

	/** What an image whose format cannot be read here records: no width, no height. */
	public static final Dimensions UNKNOWN = new Dimensions(0, 0);

	/**
	 * Reads an image's width and height from its header, without decoding the pixels.
	 * @return empty when no installed reader knows the format (WebP on a stock JDK)
	 */
	public static Optional<Dimensions> read(Path file) {
		try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
			if (in == null) {
				return Optional.empty();
			}
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) {
				return Optional.empty();
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				return Optional.of(new Dimensions(reader.getWidth(0), reader.getHeight(0)));
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

}
