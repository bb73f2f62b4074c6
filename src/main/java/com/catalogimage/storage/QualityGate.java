package com.catalogimage.storage;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks a delivered image before it may replace a catalog image: it must decode, have the requested aspect ratio
 * and roughly the requested pixel count (providers round dimensions differently), and not be blank. The pixels are
 * read subsampled to about 256 px on the long edge, so a 4K image costs a few hundred kilobytes to check, not 64 MB.
 */
public final class QualityGate {

	/** Share by which the aspect ratio may differ from the requested one. */
	static final double RATIO_TOLERANCE = 0.05;

	/** Standard deviation of luminance (0-255) below which an image counts as blank. */
	static final double BLANK_STDDEV = 2.0;

	private QualityGate() {
	}

	/**
	 * @param expectedWidth the requested width in pixels
	 * @param expectedHeight the requested height in pixels
	 * @return why the image is rejected, or empty when it passes (or its format cannot be decoded here: WebP)
	 */
	public static Optional<String> check(Path file, int expectedWidth, int expectedHeight) {
		try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
			Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
			if (readers == null || !readers.hasNext()) {
				return Optional.empty();
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				double expectedRatio = (double) expectedWidth / expectedHeight;
				if (Math.abs((double) width / height - expectedRatio) > RATIO_TOLERANCE * expectedRatio) {
					return Optional.of("wrong-aspect:%dx%d".formatted(width, height));
				}
				double pixels = (double) width * height / ((double) expectedWidth * expectedHeight);
				if (pixels < 0.5 || pixels > 2.0) {
					return Optional.of("wrong-size:%dx%d".formatted(width, height));
				}
				ImageReadParam param = reader.getDefaultReadParam();
				int step = Math.max(1, Math.max(width, height) / 256);
				param.setSourceSubsampling(step, step, 0, 0);
				BufferedImage sample = reader.read(0, param);
				return stddev(sample) < BLANK_STDDEV ? Optional.of("blank") : Optional.empty();
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			return Optional.of("undecodable");
		}
	}

	private static double stddev(BufferedImage image) {
		double sum = 0;
		double squares = 0;
		int n = 0;
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				int rgb = image.getRGB(x, y);
				double luminance = 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
				sum += luminance;
				squares += luminance * luminance;
				n++;
			}
		}
		double mean = sum / n;
		return Math.sqrt(Math.max(0, squares / n - mean * mean));
	}

}
