package com.catalogimage.provider.gemini;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/** A stream over part of a file, for sending it in chunks without reading it into memory. */
final class FileSlice extends FilterInputStream {

	private long left;

	private FileSlice(InputStream in, long length) {
		super(in);
		this.left = length;
	}

	/** Opens {@code length} bytes of {@code file} from {@code offset}; unchecked, as a body publisher's supplier must be. */
	static InputStream open(Path file, long offset, long length) {
		FileChannel channel = null;
		try {
			channel = FileChannel.open(file);
			channel.position(offset);
			return new FileSlice(Channels.newInputStream(channel), length);
		}
		catch (IOException ex) {
			closeQuietly(channel);
			throw new UncheckedIOException(ex);
		}
	}

	private static void closeQuietly(@Nullable FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ignored) {
				// the open failed already; that is the failure to report
			}
		}
	}

	@Override
	public int read() throws IOException {
		if (this.left <= 0) {
			return -1;
		}
		int b = super.read();
		if (b >= 0) {
			this.left--;
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (this.left <= 0) {
			return -1;
		}
		int n = super.read(buffer, offset, (int) Math.min(length, this.left));
		if (n > 0) {
			this.left -= n;
		}
		return n;
	}

}
