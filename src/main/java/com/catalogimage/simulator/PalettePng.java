package com.catalogimage.simulator;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.MultiPixelPackedSampleModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Encodes a two-colour (1-bit palette) image as PNG straight from its packed rows, with no row filters and the fastest
 * deflate level. ImageIO's writer tries every filter on every row through per-pixel raster calls and spends about
 * 10 ms on a 1024 × 1024 tile; this takes well under a millisecond, so the "small" payload costs the simulator next to
 * nothing even at hundreds of images per second on a small machine.
 */
final class PalettePng {

	private PalettePng() {
	}

	/** @param image a {@link BufferedImage#TYPE_BYTE_BINARY} image with a two-entry palette */
	static byte[] encode(BufferedImage image) {
		if (!(image.getColorModel() instanceof IndexColorModel palette) || palette.getMapSize() != 2
				|| !(image.getSampleModel() instanceof MultiPixelPackedSampleModel packed)
				|| packed.getPixelBitStride() != 1) {
			throw new IllegalArgumentException("not a two-colour packed image");
		}
		if (image.getRaster().getSampleModelTranslateX() != 0 || image.getRaster().getSampleModelTranslateY() != 0) {
			throw new IllegalArgumentException("sub-images are not supported");
		}
		int width = image.getWidth();
		int height = image.getHeight();
		byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
		int stride = packed.getScanlineStride();
		int rowBytes = (width + 7) / 8;
		ByteArrayOutputStream png = new ByteArrayOutputStream(4096);
		Deflater deflater = new Deflater(Deflater.BEST_SPEED);
		try {
			png.write(PngChunks.SIGNATURE);
			PngChunks.chunk(png, "IHDR", PngChunks.header(width, height, 1, 3)); // 1-bit palette
			PngChunks.chunk(png, "PLTE", new byte[] { (byte) palette.getRed(0), (byte) palette.getGreen(0),
					(byte) palette.getBlue(0), (byte) palette.getRed(1), (byte) palette.getGreen(1),
					(byte) palette.getBlue(1) });
			ByteArrayOutputStream pixels = new ByteArrayOutputStream(4096);
			try (OutputStream out = new DeflaterOutputStream(pixels, deflater, 16 * 1024)) {
				for (int y = 0; y < height; y++) {
					out.write(0); // filter type None
					out.write(data, y * stride, rowBytes);
				}
			}
			PngChunks.chunk(png, "IDAT", pixels.toByteArray());
			PngChunks.chunk(png, "IEND", new byte[0]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			deflater.end();
		}
		return png.toByteArray();
	}

}
