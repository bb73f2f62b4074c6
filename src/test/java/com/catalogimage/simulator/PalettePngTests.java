package com.catalogimage.simulator;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PalettePngTests {

	@Test
	void twoColourImageDecodesToTheSamePixelsWhateverItsWidth() throws IOException {
		// given: a width that is not a multiple of 8, and rectangles crossing byte boundaries
		IndexColorModel palette = new IndexColorModel(1, 2, new byte[] { 10, (byte) 0xF5 },
				new byte[] { 120, (byte) 0xF5 }, new byte[] { (byte) 200, (byte) 0xF5 });
		BufferedImage image = new BufferedImage(21, 9, BufferedImage.TYPE_BYTE_BINARY, palette);
		PackedCanvas canvas = PackedCanvas.of(image);
		canvas.fill(3, 1, 17, 6, true);
		canvas.fill(5, 2, 9, 3, false);
		canvas.fill(-4, 8, 40, 5, true);
		// when
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(PalettePng.encode(image)));
		// then
		assertThat(new int[] { decoded.getWidth(), decoded.getHeight() }).containsExactly(21, 9);
		for (int y = 0; y < 9; y++) {
			for (int x = 0; x < 21; x++) {
				boolean tile = x >= 3 && x < 20 && y >= 1 && y < 7 && !(x >= 5 && x < 14 && y >= 2 && y < 5);
				int expected = tile || y == 8 ? 0xFFF5F5F5 : 0xFF0A78C8;
				assertThat(decoded.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(expected);
				assertThat(image.getRGB(x, y)).as("source pixel %d,%d", x, y).isEqualTo(expected);
			}
		}
	}

}
