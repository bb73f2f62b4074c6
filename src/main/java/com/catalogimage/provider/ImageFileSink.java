package com.catalogimage.provider;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;

import com.catalogimage.image.ImageFormat;
import com.catalogimage.image.Sha256;
import com.catalogimage.json.Json;
import tools.jackson.core.JsonParser;

/**
 * Receives decoded image bytes as the JSON parser produces them and writes them to a temp file, computing the
 * SHA-256, the byte count and the format signature on the way; memory stays at one buffer whatever the image size.
 * A sink exists only while a delivered answer is read, so a failure to write its file (a full disk, an unwritable
 * folder) is a {@link LocalWriteException} for a billed image, never an {@link IOException} that could pass for a
 * body cut off by the network.
 */
public final class ImageFileSink extends OutputStream {

	private final Path file;

	private final OutputStream out;

	private final MessageDigest digest;

	private final byte[] head = new byte[ImageFormat.SIGNATURE_LENGTH];

	private long count;

	private ImageFileSink(Path file) {
		this.file = file;
		this.out = LocalFileOutput.open(file, true);
		this.digest = Sha256.digest();
	}

	/** Opens a sink on the next of {@code files}: the one prepared before the call, or a new one. */
	public static ImageFileSink create(ImageFiles files) {
		return new ImageFileSink(files.take());
	}

	/**
	 * Decodes the base64 string value the parser is on into a new sink on the next of {@code files}, closed and ready
	 * to read back. If decoding fails the file is deleted before the exception propagates, so the caller has nothing
	 * to clean.
	 */
	public static ImageFileSink decode(JsonParser parser, ImageFiles files) throws IOException {
		ImageFileSink sink = create(files);
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
		return Sha256.hex(this.digest);
	}

	public Optional<ImageFormat> format() {
		return ImageFormat.detect(this.head, (int) Math.min(this.count, this.head.length));
	}

	/** Closes the sink and deletes its file; used for drafts and failed calls. */
	public void discard() {
		try {
			close();
		}
		catch (IOException | LocalWriteException ignored) {
			// the file is deleted next; a failed close changes nothing
		}
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ignored) {
			// a leftover .part file in the work directory is harmless and cleaned at the next start
		}
	}

}
