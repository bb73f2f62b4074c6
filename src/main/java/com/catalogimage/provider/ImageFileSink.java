package com.catalogimage.provider;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import tools.jackson.core.JsonParser;

/**
 * Receives decoded image bytes as the JSON parser produces them and writes them to a temp file, computing the
 * SHA-256, the byte count and the format signature on the way; memory stays at one buffer whatever the image size.
 */
public final class ImageFileSink extends OutputStream {

	private final Path file;

	private final OutputStream out;

	private final MessageDigest digest;

	private final byte[] head = new byte[ImageFormat.SIGNATURE_LENGTH];

	private long count;

	private ImageFileSink(Path file) throws IOException {
		this.file = file;
		this.out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
		this.digest = sha256();
	}

	/** Opens a sink on a new temp file in {@code directory}. */
	public static ImageFileSink create(Path directory) throws IOException {
		Files.createDirectories(directory);
		return new ImageFileSink(Files.createTempFile(directory, "image-", ".part"));
	}

	/**
	 * Decodes the base64 string value the parser is on into a new sink in {@code directory}, closed and ready to read
	 * back. If decoding fails the file is deleted before the exception propagates, so the caller has nothing to clean.
	 */
	public static ImageFileSink decode(JsonParser parser, Path directory) throws IOException {
		ImageFileSink sink = create(directory);
		try {
			parser.readBinaryValue(Json.BASE64, sink);
			sink.close();
			return sink;
		}
		catch (IOException | RuntimeException ex) {
			sink.discard();
			throw ex;
		}
	}

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] buffer, int offset, int length) throws IOException {
		if (this.count < this.head.length) {
			int headRoom = (int) Math.min(this.head.length - this.count, length);
			System.arraycopy(buffer, offset, this.head, (int) this.count, headRoom);
		}
		this.digest.update(buffer, offset, length);
		this.out.write(buffer, offset, length);
		this.count += length;
	}

	@Override
	public void close() throws IOException {
		this.out.close();
	}

	public Path file() {
		return this.file;
	}

	public long count() {
		return this.count;
	}

	public String sha256Hex() {
		return HexFormat.of().formatHex(this.digest.digest());
	}

	public Optional<ImageFormat> format() {
		return ImageFormat.detect(this.head, (int) Math.min(this.count, this.head.length));
	}

	/** Closes the sink and deletes its file; used for drafts and failed calls. */
	public void discard() {
		try {
			close();
		}
		catch (IOException ignored) {
			// the file is deleted next; a failed close changes nothing
		}
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ignored) {
			// a leftover .part file in the work directory is harmless and cleaned at the next start
		}
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
