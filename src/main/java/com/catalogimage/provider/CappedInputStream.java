package com.catalogimage.provider;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fails a response body that grows past a cap, so a runaway or hostile answer cannot fill the disk or memory.
 */
final class CappedInputStream extends FilterInputStream {

	/** Thrown when the body exceeds the cap. */
	public static final class BodyTooLargeException extends IOException {

		BodyTooLargeException(long cap) {
			super("response body exceeds the configured cap of " + cap + " bytes");
		}

	}

	private final long cap;

	private long count;

	public CappedInputStream(InputStream in, long cap) {
		super(in);
		this.cap = cap;
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			count(1);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		if (n > 0) {
			count(n);
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = super.skip(n);
		count(skipped);
		return skipped;
	}

	public long count() {
		return this.count;
	}

	private void count(long n) throws BodyTooLargeException {
		this.count += n;
		if (this.count > this.cap) {
			throw new BodyTooLargeException(this.cap);
		}
	}

}
