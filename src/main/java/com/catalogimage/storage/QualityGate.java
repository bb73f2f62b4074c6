package com.catalogimage.storage;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.catalogimage.image.Dimensions;

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
	 * @param expected the requested width and height in pixels
	 * @return why the image is rejected, or empty when it passes (or its format cannot be decoded here: WebP)
	 */
	public static Optional<String> check(Path file, Dimensions expected) {
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
				double expectedRatio = (double) expected.width() / expected.height();
				if (Math.abs((double) width / height - expectedRatio) > RATIO_TOLERANCE * expectedRatio) {
					return Optional.of("wrong-aspect:%dx%d".formatted(width, height));
				}
				double pixels = (double) width * height / ((double) expected.width() * expected.height());
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
			throwIfJvmFailure(ex);
			return Optional.of("undecodable");
		}
	}

	/**
	 * ImageIO's PNG reader wraps whatever it catches, {@link OutOfMemoryError} included, in an {@code IIOException}.
	 * Running out of memory says nothing about the image: rethrown, it fails the chunk and a restart checks the cached
	 * image again, instead of quarantining a good image and skipping its product.
	 */
	static void throwIfJvmFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof VirtualMachineError error) {
				throw error;
			}
		}
	}

	/**
	 * Standard deviation of the luminance over all pixels of the (subsampled) image. The pixels are read from the raster
	 * a row at a time; asking the colour model for every pixel ({@code getRGB(x, y)}, an allocation and a conversion
	 * each) made this the largest CPU cost of a generated image.
	 */
	static double stddev(BufferedImage image) {
		Luminance luminance = new Luminance();
		int width = image.getWidth();
		Raster raster = image.getRaster();
		ColorModel model = image.getColorModel();
		if (model instanceof IndexColorModel palette && raster.getNumBands() == 1) {
			double[] table = new double[palette.getMapSize()];
			for (int i = 0; i < table.length; i++) {
				table[i] = luminance(palette.getRGB(i));
			}
			int[] row = new int[width];
			for (int y = 0; y < image.getHeight(); y++) {
				raster.getSamples(0, y, width, 1, 0, row);
				for (int index : row) {
					luminance.add(table[index]);
				}
			}
		}
		else if (isPlainRgb(model)) {
			int bands = raster.getNumBands();
			int[] row = new int[width * bands];
			for (int y = 0; y < image.getHeight(); y++) {
				raster.getPixels(0, y, width, 1, row);
				for (int x = 0; x < row.length; x += bands) {
					luminance.add(0.299 * row[x] + 0.587 * row[x + 1] + 0.114 * row[x + 2]);
				}
			}
		}
		else {
			int[] row = new int[width];
			for (int y = 0; y < image.getHeight(); y++) {
				image.getRGB(0, y, width, 1, row, 0, width);
				for (int rgb : row) {
					luminance.add(luminance(rgb));
				}
			}
		}
		return luminance.stddev();
	}

	/** 8-bit sRGB whose raster bands are red, green, blue (and alpha), as PNG and JPEG decode to. */
	private static boolean isPlainRgb(ColorModel model) {
		if (!model.getColorSpace().isCS_sRGB() || model.getNumColorComponents() != 3 || model.isAlphaPremultiplied()
				|| !(model instanceof ComponentColorModel || model instanceof DirectColorModel)) {
			return false;
		}
		for (int i = 0; i < model.getNumComponents(); i++) {
			if (model.getComponentSize(i) != 8) {
				return false;
			}
		}
		return true;
	}

	private static double luminance(int rgb) {
		return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
	}

	/** Running sums for the mean and standard deviation. */
	private static final class Luminance {

		private double sum;

		private double squares;

		private long n;

		void add(double value) {
			this.sum += value;
			this.squares += value * value;
			this.n++;
		}

		double stddev() {
			if (this.n == 0) {
				return 0;
			}
			double mean = this.sum / this.n;
			return Math.sqrt(Math.max(0, this.squares / this.n - mean * mean));
		}

	}

}
