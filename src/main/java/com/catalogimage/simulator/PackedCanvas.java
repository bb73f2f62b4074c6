package com.catalogimage.simulator;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.MultiPixelPackedSampleModel;

/**
 * Paints rectangles straight into a two-colour image's packed rows (one bit per pixel, leftmost pixel in the high
 * bit), a byte at a time. Java2D's {@code fillRect} on such an image goes through generic per-pixel loops and costs
 * milliseconds per 1K tile, which is what the simulator spends per "small" answer.
 */
final class PackedCanvas {

	private final byte[] bits;

	private final int stride;

	private final int width;

	private final int height;

	private PackedCanvas(byte[] bits, int stride, int width, int height) {
		this.bits = bits;
		this.stride = stride;
		this.width = width;
		this.height = height;
	}

	/** @param image a {@link BufferedImage#TYPE_BYTE_BINARY} image with one bit per pixel */
	static PackedCanvas of(BufferedImage image) {
		if (!(image.getSampleModel() instanceof MultiPixelPackedSampleModel packed)
				|| packed.getPixelBitStride() != 1) {
			throw new IllegalArgumentException("not a one-bit packed image");
		}
		byte[] bits = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
		return new PackedCanvas(bits, packed.getScanlineStride(), image.getWidth(), image.getHeight());
	}

	/** Sets the rectangle, clipped to the image, to palette entry 1 ({@code set}) or 0. */
	void fill(int x, int y, int w, int h, boolean set) {
		int left = Math.max(0, x);
		int right = Math.min(this.width, x + w);
		int bottom = Math.min(this.height, y + h);
		for (int row = Math.max(0, y); row < bottom; row++) {
			int base = row * this.stride;
			int px = left;
			while (px < right) {
				int index = base + (px >> 3);
				if ((px & 7) == 0 && px + 8 <= right) {
					this.bits[index] = set ? (byte) 0xFF : 0;
					px += 8;
				}
				else {
					int mask = 0x80 >>> (px & 7);
					this.bits[index] = (byte) (set ? this.bits[index] | mask : this.bits[index] & ~mask);
					px++;
				}
			}
		}
	}

}
