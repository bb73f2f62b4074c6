package com.catalogimage.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import com.catalogimage.image.Dimensions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quality gate stops decoding a sequential JPEG once its first rows prove it is not blank, and only then. */
class QualityGateEarlyPassTests {

	private static final Dimensions SIZE = new Dimensions(512, 512);

	@TempDir
	Path dir;

	@Test
	void aPictureIsProvedNotBlankByItsFirstRows() throws IOException {
		Path picture = jpeg("picture.jpg", noisyRows(0, 512, 60), false);

		try (ImageInputStream in = ImageIO.createImageInputStream(picture.toFile())) {
			ImageReader reader = ImageIO.getImageReaders(in).next();
			assertThat(QualityGate.sequentialJpeg(in)).isTrue();
			reader.setInput(in, true, true);
			ImageReadParam param = reader.getDefaultReadParam();
			param.setSourceSubsampling(2, 2, 0, 0);
			QualityGate.EarlyPass early = new QualityGate.EarlyPass(reader);
			reader.addIIOReadUpdateListener(early);
			reader.read(0, param);
			reader.dispose();

			assertThat(early.passed()).isTrue();
			assertThat(early.rowsRead()).as("rows of the 256-row sample decoded").isLessThan(32);
		}
		assertThat(QualityGate.inspect(picture, SIZE).problem()).isNull();
	}

	@Test
	void theVerdictIsTheFullDecodesWhereverTheSpreadIs() throws IOException {
		// a flat image with noise in some rows only, its spread on either side of the threshold: the rows the early
		// pass reads first are flat, so only the bound over the whole sample can decide
		int[][] cases = { { 448, 512, 20 }, { 448, 512, 8 }, { 0, 64, 30 }, { 0, 32, 4 }, { 500, 512, 40 },
				{ 200, 260, 12 }, { 0, 512, 2 }, { 0, 512, 3 }, { 0, 512, 4 } };
		for (int[] noisy : cases) {
			Path file = jpeg("case-" + noisy[0] + "-" + noisy[1] + "-" + noisy[2] + ".jpg",
					noisyRows(noisy[0], noisy[1], noisy[2]), false);
			assertThat(Optional.ofNullable(QualityGate.inspect(file, SIZE).problem())).as("rows %d to %d, noise %d", noisy[0], noisy[1], noisy[2])
				.isEqualTo(fullDecodeVerdict(file));
		}
		assertThat(java.util.Arrays.stream(cases)
			.map(noisy -> fullDecodeVerdict(this.dir
				.resolve("case-" + noisy[0] + "-" + noisy[1] + "-" + noisy[2] + ".jpg")))
			.distinct()).as("the cases hold blank and non-blank images").hasSize(2);
	}

	@Test
	void aProgressiveJpegIsReadWhole() throws IOException {
		Path progressive = jpeg("progressive.jpg", noisyRows(0, 512, 60), true);
		Path flatProgressive = jpeg("flat-progressive.jpg", noisyRows(0, 0, 0), true);

		try (ImageInputStream in = ImageIO.createImageInputStream(progressive.toFile())) {
			assertThat(QualityGate.sequentialJpeg(in)).isFalse();
			assertThat(in.getStreamPosition()).as("the stream is left where it was").isZero();
		}
		assertThat(QualityGate.inspect(progressive, SIZE).problem()).isNull();
		assertThat(QualityGate.inspect(flatProgressive, SIZE).problem())
				.isEqualTo("blank");
	}

	@Test
	void aPngIsNoSequentialJpeg() throws IOException {
		Path png = this.dir.resolve("picture.png");
		ImageIO.write(noisyRows(0, 512, 60), "png", png.toFile());

		try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
			assertThat(QualityGate.sequentialJpeg(in)).isFalse();
		}
	}

	/** What the gate answered before the early pass: the whole sample decoded, then its spread. */
	private static Optional<String> fullDecodeVerdict(Path file) {
		try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
			ImageReader reader = ImageIO.getImageReaders(in).next();
			reader.setInput(in, true, true);
			ImageReadParam param = reader.getDefaultReadParam();
			int step = Math.max(1, Math.max(reader.getWidth(0), reader.getHeight(0)) / 256);
			param.setSourceSubsampling(step, step, 0, 0);
			BufferedImage sample = reader.read(0, param);
			reader.dispose();
			return QualityGate.stddev(sample) < QualityGate.BLANK_STDDEV ? Optional.of("blank") : Optional.empty();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Mid-grey, with grey noise of the given amplitude in rows {@code from} to {@code to}. */
	private static BufferedImage noisyRows(int from, int to, int amplitude) {
		BufferedImage image = new BufferedImage(512, 512, BufferedImage.TYPE_3BYTE_BGR);
		SplittableRandom random = new SplittableRandom(11);
		for (int y = 0; y < 512; y++) {
			for (int x = 0; x < 512; x++) {
				int grey = 128 + (y >= from && y < to && amplitude > 0 ? random.nextInt(-amplitude, amplitude + 1) : 0);
				image.setRGB(x, y, grey << 16 | grey << 8 | grey);
			}
		}
		return image;
	}

	private Path jpeg(String name, BufferedImage image, boolean progressive) throws IOException {
		Path file = this.dir.resolve(name);
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ImageWriteParam param = writer.getDefaultWriteParam();
		param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
		param.setCompressionQuality(0.95f);
		if (progressive) {
			param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
		}
		try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
			writer.setOutput(out);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		finally {
			writer.dispose();
		}
		return file;
	}

}
