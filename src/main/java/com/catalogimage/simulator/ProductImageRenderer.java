package com.catalogimage.simulator;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.List;

import com.catalogimage.image.ImageFormat;

/**
 * Paints the simulator's "small" payload: a two-colour PNG or JPEG of the requested dimensions showing a product tile
 * and its name on a background coloured by the prompt. Two colours keep the encoding cheap (a 1-bit palette image,
 * written by {@link PalettePng} or {@link PaletteJpeg}), so the simulator is never what limits a benchmark.
 */
final class ProductImageRenderer {

	private static final int CHARS_PER_LINE = 18;

	private static final int MAX_LINES = 4;

	private ProductImageRenderer() {
	}

	static byte[] render(String label, int width, int height) {
		return render(label, width, height, ImageFormat.PNG);
	}

	static byte[] render(String label, int width, int height, ImageFormat format) {
		return encode(paint(label, width, height), format);
	}

	/** A uniform image: valid, of the right size, and showing nothing. */
	static byte[] blank(int width, int height, ImageFormat format) {
		IndexColorModel palette = new IndexColorModel(1, 2, new byte[] { (byte) 0xFA, 0 }, new byte[] { (byte) 0xFA, 0 },
				new byte[] { (byte) 0xFA, 0 });
		return encode(new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY, palette), format);
	}

	private static BufferedImage paint(String label, int width, int height) {
		Color background = Color.getHSBColor((label.hashCode() & 0xFFFF) / 65536f, 0.55f, 0.75f);
		IndexColorModel palette = new IndexColorModel(1, 2,
				new byte[] { (byte) background.getRed(), (byte) 0xF5 },
				new byte[] { (byte) background.getGreen(), (byte) 0xF5 },
				new byte[] { (byte) background.getBlue(), (byte) 0xF5 });
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY, palette);
		// every pixel starts as palette entry 0, the background
		PackedCanvas canvas = PackedCanvas.of(image);
		int tileWidth = width * 3 / 5;
		int tileHeight = height * 3 / 5;
		int tileX = (width - tileWidth) / 2;
		int tileY = (height - tileHeight) / 2;
		canvas.fill(tileX, tileY, tileWidth, tileHeight, true);
		drawText(canvas, wrap(label), tileX, tileY, tileWidth, tileHeight);
		return image;
	}

	private static byte[] encode(BufferedImage image, ImageFormat format) {
		return switch (format) {
			case PNG -> PalettePng.encode(image);
			case JPEG -> PaletteJpeg.encode(image);
			default -> throw new IllegalArgumentException("the simulator renders PNG and JPEG only, not " + format);
		};
	}

	private static void drawText(PackedCanvas canvas, List<String> lines, int x, int y, int width, int height) {
		int scale = Math.max(1, Math.min(width * 9 / 10 / (CHARS_PER_LINE * (BitmapFont.WIDTH + 1)),
				height * 9 / 10 / (MAX_LINES * (BitmapFont.HEIGHT + 2))));
		int lineHeight = (BitmapFont.HEIGHT + 2) * scale;
		int top = y + (height - lines.size() * lineHeight) / 2;
		for (int line = 0; line < lines.size(); line++) {
			String text = lines.get(line);
			int left = x + (width - text.length() * (BitmapFont.WIDTH + 1) * scale) / 2;
			for (int i = 0; i < text.length(); i++) {
				int[] rows = BitmapFont.glyph(text.charAt(i));
				int glyphLeft = left + i * (BitmapFont.WIDTH + 1) * scale;
				for (int row = 0; row < BitmapFont.HEIGHT; row++) {
					for (int col = 0; col < BitmapFont.WIDTH; col++) {
						if ((rows[row] & (1 << (BitmapFont.WIDTH - 1 - col))) != 0) {
							canvas.fill(glyphLeft + col * scale, top + line * lineHeight + row * scale, scale, scale, false);
						}
					}
				}
			}
		}
	}

	private static List<String> wrap(String label) {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (String word : label.trim().split("\\s+")) {
			String piece = word.length() > CHARS_PER_LINE ? word.substring(0, CHARS_PER_LINE) : word;
			if (line.length() > 0 && line.length() + 1 + piece.length() > CHARS_PER_LINE) {
				lines.add(line.toString());
				line.setLength(0);
				if (lines.size() == MAX_LINES) {
					return lines;
				}
			}
			if (line.length() > 0) {
				line.append(' ');
			}
			line.append(piece);
		}
		if (line.length() > 0) {
			lines.add(line.toString());
		}
		return lines;
	}

}
