package com.catalogimage.provider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The files that a call's delivered images are written to, in its work directory. A synchronous call makes its first
 * file before it takes a call slot ({@link #prepare}), for two reasons. Money first: a work folder that can no longer
 * be written (deleted, made read-only, a disk remounted read-only after errors) ends the run before the next request
 * is sent, instead of after its image has been delivered and billed and cannot be kept. And the slot then holds the
 * request and the body only, as docs/ARCHITECTURE.md ("Keeping every call slot busy") describes; on two loaded cores
 * at 200 ms that made no difference the bench could tell apart from its noise (docs/BENCHMARKS.md, "Issue 16: session
 * 10"). A prepared file that no image took is deleted on {@link #close}.
 */
public final class ImageFiles implements AutoCloseable {

	private static final String PREFIX = "image-";

	private static final String SUFFIX = ".part";

	private final Path directory;

	private @Nullable Path ready;

	private ImageFiles(Path directory) {
		this.directory = directory;
	}

	/** Files in {@code directory}, none made yet: each is made when its image begins to arrive. */
	public static ImageFiles in(Path directory) {
		return new ImageFiles(directory);
	}

	/**
	 * Makes the next image's file now, unless one is ready from an attempt that got no image.
	 * @throws LocalWriteException when the folder cannot be written; nothing was sent, so nothing was billed
	 */
	public void prepare() {
		if (this.ready == null) {
			try {
				this.ready = newFile();
			}
			catch (IOException ex) {
				throw LocalWriteException.of(this.directory, ex);
			}
		}
	}

	/**
	 * The file for the image that is arriving: the prepared one, or a new one.
	 * @throws LocalWriteException for a delivered image when no file can be made
	 */
	Path take() {
		Path file = this.ready;
		if (file != null) {
			this.ready = null;
			return file;
		}
		try {
			return newFile();
		}
		catch (IOException ex) {
			throw LocalWriteException.deliveredImage(this.directory, ex);
		}
	}

	public Path directory() {
		return this.directory;
	}

	/** Deletes the prepared file if no image took it. */
	@Override
	public void close() {
		Path file = this.ready;
		this.ready = null;
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ignored) {
				// a leftover .part file in the work directory is harmless and cleaned at the next start
			}
		}
	}

	private Path newFile() throws IOException {
		if (!Files.isDirectory(this.directory)) {
			// createDirectories alone throws and catches an exception, stack trace and all, when it exists
			Files.createDirectories(this.directory);
		}
		return Files.createTempFile(this.directory, PREFIX, SUFFIX);
	}

}
