package com.catalogimage.storage;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadUpdateListener;
import javax.imageio.stream.ImageInputStream;

import com.catalogimage.image.Dimensions;
import org.jspecify.annotations.Nullable;

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
	 * What the gate found: why the image is rejected (null when it passes) and its size as its header says (null
	 * when no reader here knows its format, WebP, or the header cannot be read), so that the caller need not open the
	 * file again to learn it.
	 */
	public record Verdict(@Nullable String problem, @Nullable Dimensions size) {

		static Verdict rejected(String problem, @Nullable Dimensions size) {
			return new Verdict(problem, size);
		}

		static Verdict passed(@Nullable Dimensions size) {
			return new Verdict(null, size);
		}

	}

	/**
	 * Checks the image and gives its size. It passes when its format cannot be decoded here (WebP).
	 * @param expected the requested width and height in pixels
	 */
	public static Verdict inspect(Path file, Dimensions expected) {
		try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
			Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
			if (readers == null || !readers.hasNext()) {
				return Verdict.passed(null);
			}
			ImageReader reader = readers.next();
			boolean sequential = sequentialJpeg(in);
			try {
				reader.setInput(in, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				Dimensions size = new Dimensions(width, height);
				double expectedRatio = (double) expected.width() / expected.height();
				if (Math.abs((double) width / height - expectedRatio) > RATIO_TOLERANCE * expectedRatio) {
					return Verdict.rejected("wrong-aspect:%dx%d".formatted(width, height), size);
				}
				double pixels = (double) width * height / ((double) expected.width() * expected.height());
				if (pixels < 0.5 || pixels > 2.0) {
					return Verdict.rejected("wrong-size:%dx%d".formatted(width, height), size);
				}
				ImageReadParam param = reader.getDefaultReadParam();
				int step = Math.max(1, Math.max(width, height) / 256);
				param.setSourceSubsampling(step, step, 0, 0);
				EarlyPass early = new EarlyPass(reader);
				if (sequential) {
					reader.addIIOReadUpdateListener(early);
				}
				BufferedImage sample = reader.read(0, param);
				if (early.passed()) {
					return Verdict.passed(size);
				}
				return stddev(sample) < BLANK_STDDEV ? Verdict.rejected("blank", size) : Verdict.passed(size);
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			throwIfJvmFailure(ex);
			return Verdict.rejected("undecodable", null);
		}
	}

	/**
	 * Whether the stream is a sequential (baseline or extended, Huffman-coded) JPEG, whose rows ImageIO delivers once
	 * each, in order, with their final values; its position is left where it was. A progressive JPEG's first scans
	 * deliver rough rows that later scans refine, so it is read whole.
	 */
	static boolean sequentialJpeg(ImageInputStream in) throws IOException {
		in.mark();
		try {
			if (in.read() != 0xFF || in.read() != 0xD8) {
				return false;
			}
			while (true) {
				int marker = in.read();
				if (marker != 0xFF) {
					return false;
				}
				do {
					marker = in.read();
				}
				while (marker == 0xFF);
				if (marker < 0 || marker == 0xDA || marker == 0xD9) {
					return false;
				}
				if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
					return marker == 0xC0 || marker == 0xC1;
				}
				int length = in.readUnsignedShort();
				if (length < 2) {
					return false;
				}
				in.skipBytes(length - 2);
			}
		}
		catch (EOFException ex) {
			return false;
		}
		finally {
			in.reset();
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
		new Rows(image).add(luminance, 0, image.getHeight());
		return luminance.stddev();
	}

	/** Reads the luminance of an image's rows, in the cheapest way its colour model allows. */
	private static final class Rows {

		private final BufferedImage image;

		private final Raster raster;

		private final int width;

		private final double @Nullable [] palette;

		private final boolean plainRgb;

		private final int[] row;

		Rows(BufferedImage image) {
			this.image = image;
			this.raster = image.getRaster();
			this.width = image.getWidth();
			ColorModel model = image.getColorModel();
			if (model instanceof IndexColorModel indexed && this.raster.getNumBands() == 1) {
				this.palette = new double[indexed.getMapSize()];
				for (int i = 0; i < this.palette.length; i++) {
					this.palette[i] = luminance(indexed.getRGB(i));
				}
				this.plainRgb = false;
				this.row = new int[this.width];
			}
			else {
				this.palette = null;
				this.plainRgb = isPlainRgb(model);
				this.row = new int[this.plainRgb ? this.width * this.raster.getNumBands() : this.width];
			}
		}

		/** Adds the luminance of every pixel of rows {@code from} (inclusive) to {@code to} (exclusive). */
		void add(Luminance luminance, int from, int to) {
			for (int y = from; y < to; y++) {
				if (this.palette != null) {
					this.raster.getSamples(0, y, this.width, 1, 0, this.row);
					for (int index : this.row) {
						luminance.add(this.palette[index]);
					}
				}
				else if (this.plainRgb) {
					this.raster.getPixels(0, y, this.width, 1, this.row);
					int bands = this.raster.getNumBands();
					for (int x = 0; x < this.row.length; x += bands) {
						luminance.add(0.299 * this.row[x] + 0.587 * this.row[x + 1] + 0.114 * this.row[x + 2]);
					}
				}
				else {
					this.image.getRGB(0, y, this.width, 1, this.row, 0, this.width);
					for (int rgb : this.row) {
						luminance.add(luminance(rgb));
					}
				}
			}
		}

	}

	/**
	 * Stops the decode as soon as the rows read so far prove the image is not blank, which usually takes its first
	 * rows: the JPEG decode is most of a check's CPU (~2 ms of ~2.3 ms for the simulator's 1K image), and ImageIO's
	 * JPEG reader decodes every row even when subsampling. The proof is exact, so the gate rejects what a full decode
	 * rejects: over the whole sample of N pixels, the sum of squared deviations from its mean is at least that of any
	 * rows of it from their own mean, so once the rows read reach {@code BLANK_STDDEV² × N}, the whole sample's
	 * variance is at least {@code BLANK_STDDEV²}. It is only used on sequential JPEGs ({@link #sequentialJpeg}), and
	 * only trusts rows that arrive once each, in order and whole; other images (PNG, progressive JPEG) are read to the
	 * end as before. What it leaves undecoded is entropy-coded data that libjpeg would at worst warn about (corrupt or
	 * truncated data is a warning there, never an exception), so no image that decodes today fails to now.
	 */
	static final class EarlyPass implements IIOReadUpdateListener {

		/** Margin over the bound, far above the rounding of the sums. */
		private static final double MARGIN = 1.01;

		private final ImageReader reader;

		private final Luminance luminance = new Luminance();

		private @Nullable Rows rows;

		private int nextRow;

		private boolean trusted = true;

		private boolean passed;

		EarlyPass(ImageReader reader) {
			this.reader = reader;
		}

		/** The rows read proved the image is not blank, and the rest was not decoded. */
		boolean passed() {
			return this.passed;
		}

		/** How many rows of the sample were read before the proof (all of them when there was none). */
		int rowsRead() {
			return this.nextRow;
		}

		@Override
		public void passStarted(ImageReader source, BufferedImage image, int pass, int minPass, int maxPass, int minX,
				int minY, int periodX, int periodY, int[] bands) {
			// a sequential JPEG has one pass; a second would refine rows already counted
			if (pass > 0) {
				this.trusted = false;
			}
		}

		@Override
		public void imageUpdate(ImageReader source, BufferedImage image, int minX, int minY, int width, int height,
				int periodX, int periodY, int[] bands) {
			if (!this.trusted || this.passed) {
				return;
			}
			if (minX != 0 || width != image.getWidth() || periodX != 1 || periodY != 1 || minY != this.nextRow) {
				this.trusted = false;
				return;
			}
			if (this.rows == null) {
				this.rows = new Rows(image);
			}
			this.rows.add(this.luminance, minY, minY + height);
			this.nextRow = minY + height;
			double bound = BLANK_STDDEV * BLANK_STDDEV * image.getWidth() * image.getHeight() * MARGIN;
			if (this.luminance.squaredDeviations() >= bound) {
				this.passed = true;
				this.reader.abort();
			}
		}

		@Override
		public void passComplete(ImageReader source, BufferedImage image) {
			// the pass's rows were counted as they came
		}

		@Override
		public void thumbnailPassStarted(ImageReader source, BufferedImage thumbnail, int pass, int minPass,
				int maxPass, int minX, int minY, int periodX, int periodY, int[] bands) {
			// thumbnails are not read
		}

		@Override
		public void thumbnailUpdate(ImageReader source, BufferedImage thumbnail, int minX, int minY, int width,
				int height, int periodX, int periodY, int[] bands) {
			// thumbnails are not read
		}

		@Override
		public void thumbnailPassComplete(ImageReader source, BufferedImage thumbnail) {
			// thumbnails are not read
		}

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

		/** The sum of the squared deviations from the mean. */
		double squaredDeviations() {
			return this.n == 0 ? 0 : Math.max(0, this.squares - this.sum * this.sum / this.n);
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
