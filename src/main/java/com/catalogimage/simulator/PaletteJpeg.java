package com.catalogimage.simulator;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.MultiPixelPackedSampleModel;
import java.util.Arrays;

import javax.imageio.plugins.jpeg.JPEGHuffmanTable;
import javax.imageio.plugins.jpeg.JPEGQTable;

/**
 * Encodes a two-colour (1-bit palette) image as a baseline JFIF JPEG (YCbCr, no chroma subsampling, the standard
 * Huffman tables) straight from its packed rows. Gemini's 3.x image models answer JPEG, so the simulator's default
 * model must too; converting the tile to RGB for ImageIO's writer costs ten milliseconds and more per 1K answer (the
 * cost the simulator's PNG path was rid of, docs/BENCHMARKS.md). Here a block whose 64 pixels share one colour (most
 * of a product tile) costs two Huffman codes per component; only blocks on an edge or a glyph get a DCT, and that DCT
 * is of the block's one-bit mask, shared by the three components.
 */
final class PaletteJpeg {

	/** IJG quality 90: the lettering stays crisp, the body stays small. */
	private static final float QUALITY_SCALE = 0.2f;

	/** Zig-zag position to natural (row-major) position in an 8×8 block. */
	private static final int[] ZIGZAG = zigzag();

	/** {@code COS[k][n]}: C(k)/2 × cos((2n + 1)kπ/16), the factors of the 8-point DCT. */
	private static final double[][] COS = cosines();

	/** The horizontal DCT of one 8-pixel mask row, for every row byte (leftmost pixel in the high bit). */
	private static final double[][] ROW_DCT = rowDcts();

	private static final Huffman DC_LUMA = new Huffman(JPEGHuffmanTable.StdDCLuminance);

	private static final Huffman AC_LUMA = new Huffman(JPEGHuffmanTable.StdACLuminance);

	private static final Huffman DC_CHROMA = new Huffman(JPEGHuffmanTable.StdDCChrominance);

	private static final Huffman AC_CHROMA = new Huffman(JPEGHuffmanTable.StdACChrominance);

	private static final int[] LUMA_TABLE = JPEGQTable.K1Luminance.getScaledInstance(QUALITY_SCALE, true).getTable();

	private static final int[] CHROMA_TABLE = JPEGQTable.K2Chrominance.getScaledInstance(QUALITY_SCALE, true)
		.getTable();

	/**
	 * The codes of a flat block of the same colour as the block before it, for Y, Cb and Cr: a zero DC difference and
	 * an end of block each. Most blocks of a product tile are such blocks.
	 */
	private static final int REPEAT_BLOCK_CODE;

	private static final int REPEAT_BLOCK_BITS;

	static {
		long code = 0;
		int bits = 0;
		for (Huffman table : new Huffman[] { DC_LUMA, AC_LUMA, DC_CHROMA, AC_CHROMA, DC_CHROMA, AC_CHROMA }) {
			code = (code << table.sizes[0]) | table.codes[0];
			bits += table.sizes[0];
		}
		REPEAT_BLOCK_CODE = (int) code;
		REPEAT_BLOCK_BITS = bits;
	}

	private PaletteJpeg() {
	}

	/** @param image a {@link BufferedImage#TYPE_BYTE_BINARY} image with a two-entry palette */
	static byte[] encode(BufferedImage image) {
		if (!(image.getColorModel() instanceof IndexColorModel palette) || palette.getMapSize() != 2
				|| !(image.getSampleModel() instanceof MultiPixelPackedSampleModel packed)
				|| packed.getPixelBitStride() != 1) {
			throw new IllegalArgumentException("not a two-colour packed image");
		}
		if (image.getRaster().getSampleModelTranslateX() != 0 || image.getRaster().getSampleModelTranslateY() != 0) {
			throw new IllegalArgumentException("sub-images are not supported");
		}
		int width = image.getWidth();
		int height = image.getHeight();
		byte[] bits = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
		int stride = packed.getScanlineStride();
		Component[] components = { Component.luma(palette), Component.blueChroma(palette), Component.redChroma(palette) };
		EntropyWriter out = new EntropyWriter(16 * 1024);
		writeHeaders(out, width, height);
		double[] mask = new double[64];
		int[] row = new int[8];
		for (int top = 0; top < height; top += 8) {
			for (int column = 0; column < (width + 7) / 8; column++) {
				boolean uniform = true;
				for (int y = 0; y < 8; y++) {
					// rows below the image repeat its last row; a decoder crops them
					row[y] = bits[Math.min(top + y, height - 1) * stride + column] & 0xFF;
					uniform &= row[y] == row[0] && (row[0] == 0 || row[0] == 0xFF);
				}
				if (uniform && repeats(components, row[0] != 0)) {
					// the three DC differences are zero: one precomputed code for the whole block
					out.writeBits(REPEAT_BLOCK_CODE, REPEAT_BLOCK_BITS);
				}
				else if (uniform) {
					for (Component component : components) {
						component.writeUniform(out, row[0] != 0);
					}
				}
				else {
					maskDct(row, mask);
					for (Component component : components) {
						component.writeMixed(out, mask);
					}
				}
			}
		}
		out.flushBits();
		out.marker(0xD9);
		return out.toByteArray();
	}

	private static boolean repeats(Component[] components, boolean high) {
		for (Component component : components) {
			if (component.previousDc != (high ? component.highDc : component.lowDc)) {
				return false;
			}
		}
		return true;
	}

	/** The 2-D DCT of a block's mask (1 where the pixel is palette entry 1), in natural order. */
	private static void maskDct(int[] rows, double[] result) {
		for (int v = 0; v < 8; v++) {
			double[] cos = COS[v];
			for (int u = 0; u < 8; u++) {
				double sum = 0;
				for (int y = 0; y < 8; y++) {
					sum += cos[y] * ROW_DCT[rows[y]][u];
				}
				result[v * 8 + u] = sum;
			}
		}
	}

	private static void writeHeaders(EntropyWriter out, int width, int height) {
		out.marker(0xD8);
		out.segment(0xE0, new byte[] { 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0 });
		byte[] tables = new byte[2 * 65];
		tables[0] = 0;
		tables[65] = 1;
		for (int i = 0; i < 64; i++) {
			tables[1 + i] = (byte) LUMA_TABLE[ZIGZAG[i]];
			tables[66 + i] = (byte) CHROMA_TABLE[ZIGZAG[i]];
		}
		out.segment(0xDB, tables);
		out.segment(0xC0, new byte[] { 8, (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width, 3,
				1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1 });
		out.segment(0xC4, concat(DC_LUMA.segment(0x00), AC_LUMA.segment(0x10), DC_CHROMA.segment(0x01),
				AC_CHROMA.segment(0x11)));
		out.segment(0xDA, new byte[] { 3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0 });
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] all = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, at, part.length);
			at += part.length;
		}
		return all;
	}

	private static int[] zigzag() {
		int[] order = new int[64];
		int i = 0;
		for (int sum = 0; sum < 15; sum++) {
			if (sum % 2 == 0) {
				for (int row = Math.min(sum, 7); row >= Math.max(0, sum - 7); row--) {
					order[i++] = row * 8 + sum - row;
				}
			}
			else {
				for (int row = Math.max(0, sum - 7); row <= Math.min(sum, 7); row++) {
					order[i++] = row * 8 + sum - row;
				}
			}
		}
		return order;
	}

	private static double[][] cosines() {
		double[][] cos = new double[8][8];
		for (int k = 0; k < 8; k++) {
			double scale = (k == 0 ? Math.sqrt(0.5) : 1) / 2;
			for (int n = 0; n < 8; n++) {
				cos[k][n] = scale * Math.cos((2 * n + 1) * k * Math.PI / 16);
			}
		}
		return cos;
	}

	private static double[][] rowDcts() {
		double[][] rows = new double[256][8];
		for (int bits = 0; bits < 256; bits++) {
			for (int u = 0; u < 8; u++) {
				double sum = 0;
				for (int x = 0; x < 8; x++) {
					if ((bits & (0x80 >>> x)) != 0) {
						sum += COS[u][x];
					}
				}
				rows[bits][u] = sum;
			}
		}
		return rows;
	}

	/** One colour channel: its two palette values, quantization table, Huffman tables and running DC. */
	private static final class Component {

		private final double low;

		private final double difference;

		private final int[] table;

		private final Huffman dc;

		private final Huffman ac;

		private final int lowDc;

		private final int highDc;

		private final int[] quantized = new int[64];

		private int previousDc;

		private Component(double value0, double value1, int[] table, Huffman dc, Huffman ac) {
			// level shift: samples are coded around 128
			this.low = value0 - 128;
			this.difference = value1 - value0;
			this.table = table;
			this.dc = dc;
			this.ac = ac;
			// the DC coefficient of a flat block is 8 × its level-shifted value
			this.lowDc = (int) Math.round(8 * this.low / table[0]);
			this.highDc = (int) Math.round(8 * (value1 - 128) / table[0]);
		}

		static Component luma(IndexColorModel palette) {
			return new Component(luma(palette, 0), luma(palette, 1), LUMA_TABLE, DC_LUMA, AC_LUMA);
		}

		static Component blueChroma(IndexColorModel palette) {
			return new Component(blue(palette, 0), blue(palette, 1), CHROMA_TABLE, DC_CHROMA, AC_CHROMA);
		}

		static Component redChroma(IndexColorModel palette) {
			return new Component(red(palette, 0), red(palette, 1), CHROMA_TABLE, DC_CHROMA, AC_CHROMA);
		}

		private static double luma(IndexColorModel palette, int i) {
			return 0.299 * palette.getRed(i) + 0.587 * palette.getGreen(i) + 0.114 * palette.getBlue(i);
		}

		private static double blue(IndexColorModel palette, int i) {
			return -0.168736 * palette.getRed(i) - 0.331264 * palette.getGreen(i) + 0.5 * palette.getBlue(i) + 128;
		}

		private static double red(IndexColorModel palette, int i) {
			return 0.5 * palette.getRed(i) - 0.418688 * palette.getGreen(i) - 0.081312 * palette.getBlue(i) + 128;
		}

		void writeUniform(EntropyWriter out, boolean high) {
			writeDc(out, high ? this.highDc : this.lowDc);
			this.ac.write(out, 0x00); // end of block
		}

		void writeMixed(EntropyWriter out, double[] mask) {
			for (int i = 0; i < 64; i++) {
				int natural = ZIGZAG[i];
				double coefficient = this.difference * mask[natural] + (natural == 0 ? 8 * this.low : 0);
				this.quantized[i] = (int) Math.round(coefficient / this.table[natural]);
			}
			writeDc(out, this.quantized[0]);
			int run = 0;
			for (int i = 1; i < 64; i++) {
				int value = this.quantized[i];
				if (value == 0) {
					run++;
					continue;
				}
				while (run > 15) {
					this.ac.write(out, 0xF0); // sixteen zeros
					run -= 16;
				}
				int size = magnitudeBits(value);
				this.ac.write(out, (run << 4) | size);
				out.writeBits(amplitude(value, size), size);
				run = 0;
			}
			if (run > 0) {
				this.ac.write(out, 0x00);
			}
		}

		private void writeDc(EntropyWriter out, int value) {
			int delta = value - this.previousDc;
			this.previousDc = value;
			int size = magnitudeBits(delta);
			this.dc.write(out, size);
			out.writeBits(amplitude(delta, size), size);
		}

		private static int magnitudeBits(int value) {
			return 32 - Integer.numberOfLeadingZeros(Math.abs(value));
		}

		/** Negative values are sent as their one's complement in {@code size} bits. */
		private static int amplitude(int value, int size) {
			return value < 0 ? (value - 1) & ((1 << size) - 1) : value;
		}

	}

	/** A Huffman table's codes by symbol, built from its code lengths as JPEG Annex C does. */
	private static final class Huffman {

		private final int[] codes = new int[256];

		private final int[] sizes = new int[256];

		private final short[] lengths;

		private final short[] values;

		Huffman(JPEGHuffmanTable table) {
			this.lengths = table.getLengths();
			this.values = table.getValues();
			int code = 0;
			int k = 0;
			for (int length = 1; length <= 16; length++) {
				for (int i = 0; i < this.lengths[length - 1]; i++) {
					int symbol = this.values[k++] & 0xFF;
					this.codes[symbol] = code++;
					this.sizes[symbol] = length;
				}
				code <<= 1;
			}
		}

		void write(EntropyWriter out, int symbol) {
			out.writeBits(this.codes[symbol], this.sizes[symbol]);
		}

		/** The DHT entry: class and id, 16 counts, then the symbols. */
		byte[] segment(int classAndId) {
			byte[] entry = new byte[17 + this.values.length];
			entry[0] = (byte) classAndId;
			for (int i = 0; i < 16; i++) {
				entry[1 + i] = (byte) this.lengths[i];
			}
			for (int i = 0; i < this.values.length; i++) {
				entry[17 + i] = (byte) this.values[i];
			}
			return entry;
		}

	}

	/** A growing byte buffer with a bit writer that stuffs a zero after every 0xFF of entropy-coded data. */
	private static final class EntropyWriter {

		private byte[] bytes;

		private int length;

		private long bitBuffer;

		private int bitCount;

		EntropyWriter(int capacity) {
			this.bytes = new byte[capacity];
		}

		void writeBits(int value, int count) {
			this.bitBuffer = (this.bitBuffer << count) | (value & ((1L << count) - 1));
			this.bitCount += count;
			while (this.bitCount >= 8) {
				int b = (int) (this.bitBuffer >> (this.bitCount - 8)) & 0xFF;
				this.bitCount -= 8;
				write(b);
				if (b == 0xFF) {
					write(0);
				}
			}
		}

		/** Pads the last byte with one bits, as the standard asks. */
		void flushBits() {
			if (this.bitCount > 0) {
				writeBits(0x7F, 8 - this.bitCount);
			}
		}

		void marker(int code) {
			write(0xFF);
			write(code);
		}

		void segment(int code, byte[] payload) {
			marker(code);
			write((payload.length + 2) >> 8);
			write(payload.length + 2);
			for (byte b : payload) {
				write(b & 0xFF);
			}
		}

		private void write(int b) {
			if (this.length == this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, this.bytes.length * 2);
			}
			this.bytes[this.length++] = (byte) b;
		}

		byte[] toByteArray() {
			return Arrays.copyOf(this.bytes, this.length);
		}

	}

}
