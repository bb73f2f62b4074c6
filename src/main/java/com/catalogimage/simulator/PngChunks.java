package com.catalogimage.simulator;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** The PNG container the simulator's own encoders write: signature, then length-type-data-CRC chunks. */
final class PngChunks {

	static final byte[] SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };

	private PngChunks() {
	}

	/** The IHDR chunk's data: no interlacing, standard compression and filter method. */
	static byte[] header(int width, int height, int bitDepth, int colourType) throws IOException {
		ByteArrayOutputStream header = new ByteArrayOutputStream(13);
		DataOutputStream ihdr = new DataOutputStream(header);
		ihdr.writeInt(width);
		ihdr.writeInt(height);
		ihdr.writeByte(bitDepth);
		ihdr.writeByte(colourType);
		ihdr.writeByte(0);
		ihdr.writeByte(0);
		ihdr.writeByte(0);
		return header.toByteArray();
	}

	static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
		chunk(png, type, data, data.length);
	}

	/** A chunk whose data are the first {@code length} bytes of {@code data}. */
	static void chunk(ByteArrayOutputStream png, String type, byte[] data, int length) throws IOException {
		DataOutputStream out = new DataOutputStream(png);
		byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
		out.writeInt(length);
		out.write(typeBytes);
		out.write(data, 0, length);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data, 0, length);
		out.writeInt((int) crc.getValue());
	}

}
