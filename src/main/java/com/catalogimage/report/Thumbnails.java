package com.catalogimage.report;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import com.catalogimage.image.Dimensions;
import com.catalogimage.storage.AtomicFiles;
import org.jspecify.annotations.Nullable;

/**
 * Small JPEG copies of product images for the contact sheet, at {@code thumbs/<sku>.jpg}. A thumbnail newer than its
 * image is reused, so re-rendering a report costs nothing for images that did not change. Images the JDK cannot
 * decode (WebP) get none and the page says so.
 */
final class Thumbnails {

	private final Path directory;

	private final int maxSide;

	Thumbnails(Path directory, int maxSide) {
		this.directory = directory;
		this.maxSide = maxSide;
	}

	/** Width and height of the thumbnail of {@code image}, making it if needed; empty when none can be made. */
	Optional<Dimensions> thumbnail(Path image, String sku) {
		Path thumb = path(sku);
		try {
			if (!Files.isRegularFile(image)) {
				return Optional.empty();
			}
			FileTime imageTime = Files.getLastModifiedTime(image);
			if (Files.isRegularFile(thumb) && Files.getLastModifiedTime(thumb).compareTo(imageTime) >= 0) {
				Optional<Dimensions> size = Dimensions.read(thumb);
				if (size.isPresent()) {
					return size;
				}
			}
			BufferedImage source = readReduced(image, this.maxSide);
			if (source == null) {
				return Optional.empty();
			}
			BufferedImage small = scale(source, this.maxSide);
			publish(small, thumb);
			return Optional.of(new Dimensions(small.getWidth(), small.getHeight()));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	Path path(String sku) {
		return this.directory.resolve(sku + ".jpg");
	}

	/**
	 * Decodes the image keeping only every n-th pixel, n chosen so the result is still at least twice the thumbnail:
	 * five times faster than decoding all of a 1K image, and the final filtered scale hides the skipped pixels.
	 */
	static @Nullable BufferedImage readReduced(Path image, int maxSide) throws IOException {
		try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
			Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
			if (readers == null || !readers.hasNext()) {
				return null;
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				int side = Math.max(reader.getWidth(0), reader.getHeight(0));
				int step = Math.max(1, side / (2 * maxSide));
				ImageReadParam param = reader.getDefaultReadParam();
				param.setSourceSubsampling(step, step, 0, 0);
				return reader.read(0, param);
			}
			finally {
				reader.dispose();
			}
		}
	}

	/**
	 * Halves the image until it is within twice the target, then scales once with bilinear filtering: a single
	 * 1024 → 160 step would skip most pixels and turn the simulator's lettering into noise.
	 */
	static BufferedImage scale(BufferedImage source, int maxSide) {
		double factor = Math.min(1.0, maxSide / (double) Math.max(source.getWidth(), source.getHeight()));
		int targetWidth = Math.max(1, (int) Math.round(source.getWidth() * factor));
		int targetHeight = Math.max(1, (int) Math.round(source.getHeight() * factor));
		BufferedImage current = source;
		while (current.getWidth() / 2 >= targetWidth * 2 && current.getHeight() / 2 >= targetHeight * 2) {
			current = resize(current, current.getWidth() / 2, current.getHeight() / 2);
		}
		return resize(current, targetWidth, targetHeight);
	}

	private static BufferedImage resize(BufferedImage source, int width, int height) {
		BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = target.createGraphics();
		try {
			g.setColor(java.awt.Color.WHITE);
			g.fillRect(0, 0, width, height);
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			g.drawImage(source, 0, 0, width, height, null);
		}
		finally {
			g.dispose();
		}
		return target;
	}

	/**
	 * Temp file and rename, so the page never shows half a thumbnail; not forced to disk like the reports (a few ms
	 * each, hundreds of times), because a thumbnail is derived: one the OS lost in a crash is unreadable and is made
	 * again next time.
	 */
	private static void publish(BufferedImage image, Path thumb) throws IOException {
		Path temp = AtomicFiles.tempBeside(thumb);
		try {
			writeJpeg(image, temp);
			try {
				Files.move(temp, thumb, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temp, thumb, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	private static void writeJpeg(BufferedImage image, Path file) throws IOException {
		Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
		ImageWriter writer = writers.next();
		try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(0.85f);
			writer.setOutput(out);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		finally {
			writer.dispose();
		}
	}

}
