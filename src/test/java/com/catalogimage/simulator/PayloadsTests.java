package com.catalogimage.simulator;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import com.catalogimage.image.Dimensions;
import com.catalogimage.image.ImageFormat;
import com.catalogimage.image.ImageSize;
import com.catalogimage.storage.QualityGate;
import com.catalogimage.support.Simulators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadsTests {

	@TempDir
	Path work;

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

	@Test
	void smallPayloadsAreRenderedPerRequestByDefaultSoEachShowsItsProduct() {
		Payloads payloads = new Payloads(Simulators.properties());
		byte[] mug = payloads.image("Mug", 1024, 1024, ImageSize.K1, ImageFormat.JPEG, false);
		assertThat(payloads.image("Lamp", 1024, 1024, ImageSize.K1, ImageFormat.JPEG, false)).isNotEqualTo(mug);
		assertThat(payloads.image("Mug", 1024, 1024, ImageSize.K1, ImageFormat.JPEG, false)).as("rendered again")
			.isEqualTo(mug)
			.isNotSameAs(mug);
	}

	@Test
	void smallPayloadsRenderedOnceAreOnePicturePerFormatAndDimensionsThatPassesTheQualityGate() throws IOException {
		// given
		Payloads payloads = new Payloads(Simulators.properties("render", "once"));
		// when
		byte[] mug = payloads.image("Mug", 1024, 1024, ImageSize.K1, ImageFormat.JPEG, false);
		// then every product gets the very same bytes, rendered once
		assertThat(payloads.image("Lamp", 1024, 1024, ImageSize.K1, ImageFormat.JPEG, false)).isSameAs(mug);
		assertThat(payloads.image("Lamp", 1200, 896, ImageSize.K1, ImageFormat.JPEG, false)).isNotEqualTo(mug);
		byte[] png = payloads.image("Mug", 1024, 1024, ImageSize.K1, ImageFormat.PNG, false);
		assertThat(ImageFormat.detect(png, 12)).hasValue(ImageFormat.PNG);
		assertThat(payloads.image("Chair", 1024, 1024, ImageSize.K1, ImageFormat.PNG, false)).isSameAs(png);
		assertThat(payloads.draft("Lamp", 1024, 1024, ImageFormat.JPEG))
			.isSameAs(payloads.draft("Mug", 1024, 1024, ImageFormat.JPEG));
		// and each is a valid image of its size that the job's quality gate lets through (not blank)
		for (byte[] image : new byte[][] { mug, png }) {
			Path file = Files.write(this.work.resolve("image-" + image.length), image);
			assertThat(QualityGate.inspect(file, new Dimensions(1024, 1024)).problem()).isNull();
			assertThat(QualityGate.inspect(file, new Dimensions(1024, 1024)).size())
				.isEqualTo(new Dimensions(1024, 1024));
		}
		// and a blank-word image is still blank
		assertThat(payloads.image("Mug", 1024, 1024, ImageSize.K1, ImageFormat.JPEG, true)).isNotEqualTo(mug);
	}

	@Test
	void renderIsPerRequestOrOnce() {
		assertThat(Simulators.properties().render()).isEqualTo(SimulatorProperties.RENDER_PER_REQUEST);
		assertThatThrownBy(() -> Simulators.properties("render", "twice")).rootCause()
			.hasMessage("imagebatch.simulator.render must be per-request or once, not twice");
	}

}
