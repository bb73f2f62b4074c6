package com.catalogimage.provider;

import com.catalogimage.json.Json;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a JSONL file one line at a time, each line one JSON object from its own generator, so that a line can be as
 * large as its content (reference images streamed in as base64) without being held in memory. A line that fails half
 * way, or that would take the file past a size limit, is cut off again: the file only ever holds whole lines.
 * <p>
 * Failing to write the file is our disk's fault and a {@link LocalWriteException} (nothing was sent yet); an exception
 * from the line's content (a reference image that cannot be read) is the line's, and passes to the caller.
 */
public final class JsonLinesWriter implements AutoCloseable {

	/** Writes the one JSON value of a line. */
	@FunctionalInterface
	public interface Line {

		void write(JsonGenerator json) throws IOException;

	}

	private final Path file;

	private final FileChannel channel;

	private final OutputStream buffered;

	private long written;

	private long committed;

	private int lines;

	private boolean finished;

	private JsonLinesWriter(Path file, FileChannel channel) {
		this.file = file;
		this.channel = channel;
		this.buffered = new BufferedOutputStream(new ChannelOutput(), 64 * 1024);
	}

	/** Creates an empty temp file in {@code directory}. */
	public static JsonLinesWriter create(Path directory, String prefix) {
		Path file = directory;
		try {
			Files.createDirectories(directory);
			file = Files.createTempFile(directory, prefix, ".jsonl");
			return new JsonLinesWriter(file, FileChannel.open(file, StandardOpenOption.WRITE));
		}
		catch (IOException ex) {
			deleteQuietly(file);
			throw LocalWriteException.of(file, ex);
		}
	}

	/**
	 * Appends one line unless the file would then be larger than {@code maxBytes}, in which case the line is cut off
	 * again and false returned.
	 *
	 * @throws IOException or {@link JacksonException} from the line's content; the partial line is cut off first
	 */
	public boolean append(Line line, long maxBytes) throws IOException {
		try {
			try (JsonGenerator json = Json.FACTORY.createGenerator(new Unclosable(this.buffered))) {
				line.write(json);
			}
			this.buffered.write('\n');
			this.written++;
		}
		catch (IOException | JacksonException ex) {
			cutBack();
			throw ex;
		}
		if (this.written > maxBytes) {
			cutBack();
			return false;
		}
		this.committed = this.written;
		this.lines++;
		return true;
	}

	/** Lines written so far. */
	public int lines() {
		return this.lines;
	}

	/** Bytes of the whole lines written so far. */
	public long bytes() {
		return this.committed;
	}

	public Path file() {
		return this.file;
	}

	/** Writes out what is buffered and closes the file, which the caller now owns. */
	public Path finish() {
		flush();
		closeChannel();
		this.finished = true;
		return this.file;
	}

	/** Closes and deletes the file unless {@link #finish} handed it over. */
	@Override
	public void close() {
		if (!this.finished) {
			closeChannel();
			deleteQuietly(this.file);
		}
	}

	/** Removes whatever was written after the last whole line. */
	private void cutBack() {
		flush();
		try {
			this.channel.truncate(this.committed);
		}
		catch (IOException ex) {
			throw LocalWriteException.of(this.file, ex);
		}
		this.written = this.committed;
	}

	private void flush() {
		try {
			this.buffered.flush();
		}
		catch (IOException ex) {
			throw LocalWriteException.of(this.file, ex);
		}
	}

	private void closeChannel() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			throw LocalWriteException.of(this.file, ex);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ignored) {
			// a leftover input file in the work directory is harmless
		}
	}

	/** The file channel as a stream; a failing write is our disk's, never the content's. */
	private final class ChannelOutput extends OutputStream {

		@Override
		public void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
			try {
				while (buffer.hasRemaining()) {
					JsonLinesWriter.this.channel.write(buffer);
				}
			}
			catch (IOException ex) {
				throw LocalWriteException.of(JsonLinesWriter.this.file, ex);
			}
		}

	}

	/** Counts what a line's generator writes and keeps it from closing the file when it closes. */
	private final class Unclosable extends FilterOutputStream {

		Unclosable(OutputStream out) {
			super(out);
		}

		@Override
		public void write(int b) throws IOException {
			this.out.write(b);
			JsonLinesWriter.this.written++;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.out.write(bytes, offset, length);
			JsonLinesWriter.this.written += length;
		}

		@Override
		public void close() {
			// the line ends, the file does not
		}

	}

}
