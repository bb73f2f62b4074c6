package com.catalogimage.provider;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A buffered output stream on a file of ours whose failures (a full disk, a folder gone read-only) are
 * {@link LocalWriteException}s naming the file. Whoever reads from the network into it, or from a reference image into
 * it, can then tell our disk failing apart from the other side failing.
 */
public final class LocalFileOutput extends FilterOutputStream {

	private final Path file;

	private final boolean imageDelivered;

	private LocalFileOutput(OutputStream out, Path file, boolean imageDelivered) {
		super(out);
		this.file = file;
		this.imageDelivered = imageDelivered;
	}

	/**
	 * Opens (creates or truncates) {@code file}.
	 * @param imageDelivered whether the bytes are a delivered, billed image (see
	 * {@link LocalWriteException#imageDelivered()})
	 */
	public static OutputStream open(Path file, boolean imageDelivered) {
		try {
			return new LocalFileOutput(new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024), file,
					imageDelivered);
		}
		catch (IOException ex) {
			throw failure(file, ex, imageDelivered);
		}
	}

	@Override
	public void write(int b) {
		try {
			this.out.write(b);
		}
		catch (IOException ex) {
			throw failure(ex);
		}
	}

	@Override
	public void write(byte[] buffer, int offset, int length) {
		try {
			this.out.write(buffer, offset, length);
		}
		catch (IOException ex) {
			throw failure(ex);
		}
	}

	@Override
	public void flush() {
		try {
			this.out.flush();
		}
		catch (IOException ex) {
			throw failure(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.out.close();
		}
		catch (IOException ex) {
			throw failure(ex);
		}
	}

	private LocalWriteException failure(IOException cause) {
		return failure(this.file, cause, this.imageDelivered);
	}

	private static LocalWriteException failure(Path file, IOException cause, boolean imageDelivered) {
		return imageDelivered ? LocalWriteException.deliveredImage(file, cause) : LocalWriteException.of(file, cause);
	}

}
