package com.catalogimage.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Encodes the "realistic" payload: an RGB PNG of the requested dimensions whose byte size is close to a target. Rows
 * of random pixels (incompressible) alternate with flat rows (almost free) in the proportion that gives the target
 * size, written with the fastest deflate level, so even a 4K image encodes in well under a second. Real generated
 * photos compress about as badly as this, which is what makes the body size realistic.
 */
final class NoisePng {

	private NoisePng() {
	}

	static byte[] encode(int width, int height, long targetBytes, long seed) {
		double noiseShare = Math.min(1.0, Math.max(0.0, (double) targetBytes / (3.0 * width * height)));
		SplittableRandom random = new SplittableRandom(seed);
		ByteArrayOutputStream png = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 64, targetBytes + 4096));
		try {
			png.write(PngChunks.SIGNATURE);
			PngChunks.chunk(png, "IHDR", PngChunks.header(width, height, 8, 2)); // 8-bit RGB
			ByteArrayOutputStream pixels = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 64,
					targetBytes + 4096));
			Deflater deflater = new Deflater(Deflater.BEST_SPEED);
			try (OutputStream out = new DeflaterOutputStream(pixels, deflater, 64 * 1024)) {
				byte[] row = new byte[1 + width * 3];
				byte[] flat = new byte[1 + width * 3];
				for (int i = 1; i < flat.length; i++) {
					flat[i] = (byte) (i % 3 == 0 ? 0xF0 : 0xE8);
				}
				for (int y = 0; y < height; y++) {
					boolean noisy = Math.floor((y + 1) * noiseShare) > Math.floor(y * noiseShare);
					if (noisy) {
						random.nextBytes(row);
						row[0] = 0; // filter type None
						out.write(row);
					}
					else {
						out.write(flat);
					}
				}
			}
			finally {
				deflater.end();
			}
			PngChunks.chunk(png, "IDAT", pixels.toByteArray());
			PngChunks.chunk(png, "IEND", new byte[0]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return png.toByteArray();
	}

}
