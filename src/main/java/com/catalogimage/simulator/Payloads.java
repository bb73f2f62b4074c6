package com.catalogimage.simulator;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.catalogimage.image.ImageFormat;
import com.catalogimage.image.ImageSize;

/**
 * The image bytes the simulator answers with. {@code small}: a cheap picture showing the product name, rendered per
 * request; or, with {@code render: once}, one picture per format and dimensions showing {@link #RENDERED_ONCE_LABEL},
 * served from memory (rendering and encoding a 1K JPEG costs ~2 ms of CPU, which a benchmark running the simulator in
 * its own JVM would take from the job it measures). {@code realistic}: a noise image whose byte size matches what the
 * providers send (about 1.75 MB at 1K and 17.5 MB at 4K for a square image), rendered once per format and dimensions
 * and then served from memory so the simulator is never what a benchmark measures. Blank images (the blank-word fault)
 * are uniform and cached too.
 */
final class Payloads {

	/** Body sizes of a square image per size; other ratios scale with their pixel count. */
	static final Map<ImageSize, Long> REALISTIC_BYTES = Map.of(ImageSize.S512, 450_000L, ImageSize.K1, 1_750_000L,
			ImageSize.K2, 5_500_000L, ImageSize.K4, 17_500_000L);

	/** What a picture rendered once shows: it answers every product, so it cannot show one product's name. */
	static final String RENDERED_ONCE_LABEL = "simulated product image";

	private final boolean realistic;

	private final boolean renderOnce;

	private final long seed;

	private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

	Payloads(SimulatorProperties properties) {
		this.realistic = "realistic".equals(properties.payload());
		this.renderOnce = SimulatorProperties.RENDER_ONCE.equals(properties.render());
		this.seed = properties.seed();
	}

	byte[] image(String label, int width, int height, ImageSize size, ImageFormat format, boolean blank) {
		if (blank) {
			return this.cache.computeIfAbsent("blank/" + format + "/" + width + "x" + height,
					key -> ProductImageRenderer.blank(width, height, format));
		}
		if (!this.realistic) {
			return small("small/", label, width, height, format);
		}
		return this.cache.computeIfAbsent("real/" + format + "/" + width + "x" + height,
				key -> realistic(width, height, size, format));
	}

	/** A small draft picture (Pro models' interim "thought" images are previews, not full-size bodies). */
	byte[] draft(String label, int width, int height, ImageFormat format) {
		return small("draft/", label, Math.max(1, width / 4), Math.max(1, height / 4), format);
	}

	private byte[] small(String kind, String label, int width, int height, ImageFormat format) {
		if (!this.renderOnce) {
			return ProductImageRenderer.render(label, width, height, format);
		}
		return this.cache.computeIfAbsent(kind + format + "/" + width + "x" + height,
				key -> ProductImageRenderer.render(RENDERED_ONCE_LABEL, width, height, format));
	}

	private byte[] realistic(int width, int height, ImageSize size, ImageFormat format) {
		long square = (long) size.squareEdge() * size.squareEdge();
		long target = REALISTIC_BYTES.get(size) * width * height / square;
		if (format == ImageFormat.PNG) {
			return NoisePng.encode(width, height, target, this.seed);
		}
		return padJpeg(ProductImageRenderer.render("realistic", width, height, ImageFormat.JPEG), target);
	}

	/**
	 * Brings a JPEG to the target size with comment (COM) segments right after the start marker: still a valid JPEG
	 * that every decoder reads, at the body size of a real one.
	 */
	static byte[] padJpeg(byte[] jpeg, long target) {
		long missing = target - jpeg.length;
		if (missing <= 4) {
			return jpeg;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream((int) target + 8);
		out.write(jpeg, 0, 2);
		java.util.SplittableRandom random = new java.util.SplittableRandom(target);
		while (missing > 4) {
			int data = (int) Math.min(65_533, missing - 4);
			out.write(0xFF);
			out.write(0xFE);
			out.write((data + 2) >> 8);
			out.write((data + 2) & 0xFF);
			byte[] filler = new byte[data];
			random.nextBytes(filler);
			out.write(filler, 0, data);
			missing -= data + 4;
		}
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}

}
