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
 * photos compress about as badly as this, which is what makes the body size realistic. The compressed rows go out as
 * IDAT chunks of {@value #IDAT_BYTES} bytes into one buffer of the final size, so rendering a 4K body needs about twice
 * its size in heap, not five times (the benchmark runs the simulator inside the measured JVM).
 */
final class NoisePng {

	static final int IDAT_BYTES = 1 << 20;

	private NoisePng() {
	}

	static byte[] encode(int width, int height, long targetBytes, long seed) {
		double noiseShare = Math.min(1.0, Math.max(0.0, (double) targetBytes / (3.0 * width * height)));
		SplittableRandom random = new SplittableRandom(seed);
		// incompressible rows come out of deflate a little larger than they went in
		long expected = targetBytes + targetBytes / 100 + 64 * 1024;
		ByteArrayOutputStream png = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 64, expected));
		try {
			png.write(PngChunks.SIGNATURE);
			PngChunks.chunk(png, "IHDR", PngChunks.header(width, height, 8, 2)); // 8-bit RGB
			Deflater deflater = new Deflater(Deflater.BEST_SPEED);
			try (OutputStream out = new DeflaterOutputStream(new IdatChunks(png), deflater, 64 * 1024)) {
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
			PngChunks.chunk(png, "IEND", new byte[0]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return png.toByteArray();
	}

	/** Cuts the compressed stream into IDAT chunks (a PNG may have any number; decoders join them). */
	private static final class IdatChunks extends OutputStream {

		private final ByteArrayOutputStream png;

		private final byte[] buffer = new byte[IDAT_BYTES];

		private int length;

		IdatChunks(ByteArrayOutputStream png) {
			this.png = png;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int count) throws IOException {
			int done = 0;
			while (done < count) {
				int n = Math.min(count - done, this.buffer.length - this.length);
				System.arraycopy(bytes, offset + done, this.buffer, this.length, n);
				this.length += n;
				done += n;
				if (this.length == this.buffer.length) {
					flushChunk();
				}
			}
		}

		@Override
		public void close() throws IOException {
			flushChunk();
		}

		private void flushChunk() throws IOException {
			if (this.length > 0) {
				PngChunks.chunk(this.png, "IDAT", this.buffer, this.length);
				this.length = 0;
			}
		}

	}

}
