package com.catalogimage.simulator;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import com.catalogimage.image.ImageFormat;
import com.catalogimage.image.ImageSize;
import com.catalogimage.support.Simulators;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadsTests {

	@Test
	void realisticPngsHaveTheProvidersBodySizeDecodeAndAreRenderedOnce() throws IOException {
		// given
		Payloads payloads = new Payloads(Simulators.properties("payload", "realistic"));
		// when
		byte[] png = payloads.image("Mug", 1024, 1024, ImageSize.K1, ImageFormat.PNG, false);
		// then
		assertThat(png.length).isBetween(1_500_000, 2_000_000);
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
		assertThat(new int[] { decoded.getWidth(), decoded.getHeight() }).containsExactly(1024, 1024);
		assertThat(payloads.image("Lamp", 1024, 1024, ImageSize.K1, ImageFormat.PNG, false)).isSameAs(png);
	}

	@Test
	void realistic4kBodyIsFifteenToTwentyMegabytes() {
		byte[] png = NoisePng.encode(4096, 4096, Payloads.REALISTIC_BYTES.get(ImageSize.K4), 42);
		assertThat(png.length).isBetween(15_000_000, 20_000_000);
		assertThat(ImageFormat.detect(png, 12)).hasValue(ImageFormat.PNG);
	}

	@Test
	void realisticJpegsArePaddedToSizeAndStillDecode() throws IOException {
		Payloads payloads = new Payloads(Simulators.properties("payload", "realistic"));
		byte[] jpeg = payloads.image("Mug", 1024, 1024, ImageSize.K1, ImageFormat.JPEG, false);
		assertThat(jpeg.length).isBetween(1_500_000, 2_000_000);
		assertThat(ImageIO.read(new ByteArrayInputStream(jpeg)).getWidth()).isEqualTo(1024);
	}

	@Test
	void smallPayloadsAreSmallAndBlankOnesUniform() throws IOException {
		Payloads payloads = new Payloads(Simulators.properties());
		assertThat(payloads.image("Mug", 1024, 1024, ImageSize.K1, ImageFormat.PNG, false).length).isLessThan(50_000);
		BufferedImage blank = ImageIO.read(new ByteArrayInputStream(
				payloads.image("Mug", 64, 32, ImageSize.K1, ImageFormat.PNG, true)));
		assertThat(blank.getWidth()).isEqualTo(64);
		for (int x = 0; x < 64; x++) {
			assertThat(blank.getRGB(x, x % 32)).isEqualTo(blank.getRGB(0, 0));
		}
	}

}
