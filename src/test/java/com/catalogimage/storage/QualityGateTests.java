package com.catalogimage.storage;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;

import com.catalogimage.image.Dimensions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class QualityGateTests {

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(ints = { BufferedImage.TYPE_BYTE_BINARY, BufferedImage.TYPE_BYTE_INDEXED,
			BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_RGB,
			BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_BGR, BufferedImage.TYPE_BYTE_GRAY,
			BufferedImage.TYPE_USHORT_GRAY })
	void luminanceSpreadIsWhatThePixelsColoursGiveWhateverTheImageType(int type) {
		// given
		BufferedImage image = noise(new BufferedImage(37, 23, type));
		// when
		double stddev = QualityGate.stddev(image);
		// then
		assertThat(stddev).isCloseTo(perPixel(image), within(1e-9));
	}

	@Test
	void uniformImageIsBlankAndAPictureIsNot() throws IOException {
		// given
		Path blank = this.dir.resolve("blank.png");
		Path picture = this.dir.resolve("picture.png");
		ImageIO.write(new BufferedImage(512, 512, BufferedImage.TYPE_3BYTE_BGR), "png", blank.toFile());
		ImageIO.write(noise(new BufferedImage(512, 512, BufferedImage.TYPE_3BYTE_BGR)), "png", picture.toFile());
		// when / then
		assertThat(QualityGate.inspect(blank, new Dimensions(512, 512)).problem())
				.isEqualTo("blank");
		assertThat(QualityGate.inspect(picture, new Dimensions(512, 512)).problem()).isNull();
		assertThat(QualityGate.inspect(picture, new Dimensions(1024, 512)).problem())
				.isEqualTo("wrong-aspect:512x512");
	}

	/** The result's width and height come from the gate's own read of the header: no second open of the file. */
	@Test
	void theVerdictGivesTheSizeTheImageHeaderSays() throws IOException {
		// given
		Path picture = this.dir.resolve("picture.png");
		Path notAnImage = this.dir.resolve("image.webp");
		ImageIO.write(noise(new BufferedImage(600, 400, BufferedImage.TYPE_3BYTE_BGR)), "png", picture.toFile());
		Files.write(notAnImage, new byte[] { 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P' });
		// when
		QualityGate.Verdict passed = QualityGate.inspect(picture, new Dimensions(612, 408));
		QualityGate.Verdict wrongShape = QualityGate.inspect(picture, new Dimensions(512, 512));
		QualityGate.Verdict unknownFormat = QualityGate.inspect(notAnImage, new Dimensions(512, 512));
		// then
		assertThat(passed).isEqualTo(new QualityGate.Verdict(null, new Dimensions(600, 400)));
		assertThat(wrongShape).isEqualTo(new QualityGate.Verdict("wrong-aspect:600x400", new Dimensions(600, 400)));
		assertThat(unknownFormat).isEqualTo(new QualityGate.Verdict(null, null));
	}

	@Test
	void runningOutOfMemoryWhileDecodingIsNoVerdictOnTheImage() {
		// given: what ImageIO's PNG reader throws when the heap runs out mid-decode
		OutOfMemoryError outOfMemory = new OutOfMemoryError("Java heap space");
		IIOException wrapped = new IIOException("Caught exception during read: ", outOfMemory);
		// when / then
		assertThatThrownBy(() -> QualityGate.throwIfJvmFailure(wrapped)).isSameAs(outOfMemory);
		assertThatCode(() -> QualityGate.throwIfJvmFailure(new IIOException("Error reading PNG image data")))
			.doesNotThrowAnyException();
	}

	private static BufferedImage noise(BufferedImage image) {
		SplittableRandom random = new SplittableRandom(7);
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				image.setRGB(x, y, random.nextInt() | 0x80000000);
			}
		}
		return image;
	}

	/** The definition: luminance of {@code getRGB} at every pixel. */
	private static double perPixel(BufferedImage image) {
		double sum = 0;
		double squares = 0;
		int n = 0;
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				int rgb = image.getRGB(x, y);
				double luminance = 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
				sum += luminance;
				squares += luminance * luminance;
				n++;
			}
		}
		double mean = sum / n;
		return Math.sqrt(Math.max(0, squares / n - mean * mean));
	}

}
