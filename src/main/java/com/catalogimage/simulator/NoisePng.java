package com.catalogimage.simulator;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Encodes the "realistic" payload: an RGB PNG of the requested dimensions whose byte size is close to a target. Rows
 * of random pixels (incompressible) alternate with flat rows (almost free) in the proportion that gives the target
 * size, written with the fastest deflate level, so even a 4K image encodes in well under a second. Real generated
 * photos compress about as badly as this, which is what makes the body size realistic.
 */
final class NoisePng {

	private static final byte[] SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };

	private NoisePng() {
	}

	static byte[] encode(int width, int height, long targetBytes, long seed) {
		double noiseShare = Math.min(1.0, Math.max(0.0, (double) targetBytes / (3.0 * width * height)));
		SplittableRandom random = new SplittableRandom(seed);
		ByteArrayOutputStream png = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 64, targetBytes + 4096));
		try {
			png.write(SIGNATURE);
			ByteArrayOutputStream header = new ByteArrayOutputStream();
			DataOutputStream ihdr = new DataOutputStream(header);
			ihdr.writeInt(width);
			ihdr.writeInt(height);
			ihdr.writeByte(8); // bit depth
			ihdr.writeByte(2); // colour type RGB
			ihdr.writeByte(0);
			ihdr.writeByte(0);
			ihdr.writeByte(0);
			chunk(png, "IHDR", header.toByteArray());
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
			chunk(png, "IDAT", pixels.toByteArray());
			chunk(png, "IEND", new byte[0]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return png.toByteArray();
	}

	private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
		DataOutputStream out = new DataOutputStream(png);
		byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
		out.writeInt(data.length);
		out.write(typeBytes);
		out.write(data);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		out.writeInt((int) crc.getValue());
	}

}
