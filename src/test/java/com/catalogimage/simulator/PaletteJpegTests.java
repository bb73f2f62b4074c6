package com.catalogimage.simulator;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import com.catalogimage.image.ImageFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PaletteJpegTests {

	private static final IndexColorModel PALETTE = new IndexColorModel(1, 2, new byte[] { 10, (byte) 0xF5 },
			new byte[] { 120, (byte) 0xF5 }, new byte[] { (byte) 200, (byte) 0xF5 });

	@Test
	void twoColourImageDecodesToCloseToTheSamePixelsWhateverItsSize() throws IOException {
		// given: width and height that are not multiples of 8, rectangles crossing block edges, flat blocks in a row
		BufferedImage image = new BufferedImage(61, 43, BufferedImage.TYPE_BYTE_BINARY, PALETTE);
		PackedCanvas canvas = PackedCanvas.of(image);
		canvas.fill(3, 1, 50, 30, true);
		canvas.fill(13, 9, 9, 13, false);
		canvas.fill(-4, 40, 80, 5, true);
		// when
		byte[] jpeg = PaletteJpeg.encode(image);
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg));
		// then
		assertThat(ImageFormat.detect(jpeg, jpeg.length)).hasValue(ImageFormat.JPEG);
		assertThat(new int[] { decoded.getWidth(), decoded.getHeight() }).containsExactly(61, 43);
		double error = 0;
		for (int y = 0; y < 43; y++) {
			for (int x = 0; x < 61; x++) {
				error += difference(image.getRGB(x, y), decoded.getRGB(x, y));
			}
		}
		assertThat(error / (61 * 43 * 3)).as("mean error per channel (0-255)").isLessThan(4);
		// away from edges a lossy codec gives back the palette colour itself
		assertThat(difference(decoded.getRGB(32, 16), 0xFFF5F5F5)).isLessThanOrEqualTo(6);
		assertThat(difference(decoded.getRGB(4, 35), 0xFF0A78C8)).isLessThanOrEqualTo(6);
	}

	@Test
	void uniformImageDecodesUniform() throws IOException {
		BufferedImage blank = new BufferedImage(100, 30, BufferedImage.TYPE_BYTE_BINARY, PALETTE);
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(PaletteJpeg.encode(blank)));
		int first = decoded.getRGB(0, 0);
		assertThat(difference(first, 0xFF0A78C8)).isLessThanOrEqualTo(6);
		for (int y = 0; y < 30; y++) {
			for (int x = 0; x < 100; x++) {
				assertThat(decoded.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(first);
			}
		}
	}

	private static int difference(int rgb, int other) {
		int sum = 0;
		for (int shift = 0; shift < 24; shift += 8) {
			sum += Math.abs(((rgb >> shift) & 0xFF) - ((other >> shift) & 0xFF));
		}
		return sum;
	}

}
