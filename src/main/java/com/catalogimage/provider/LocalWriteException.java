package com.catalogimage.provider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * This machine could not write a file the job needs (a full disk, a read-only or missing folder, a file where a folder
 * should be). It is not a {@link ProviderFailure}: the provider did its part, another attempt would buy the same image
 * again and fail the same way, so the job stops instead. Unchecked, so that it passes through the JSON parser and the
 * HTTP exchange unchanged and is never mistaken for a body cut off by the network.
 */
public final class LocalWriteException extends UncheckedIOException {

	/** Where the call whose write failed left its image, which decides what the job says about the money. */
	public enum Image {

		/** No request had been sent (its body or its image's file could not be made): nothing billed. */
		NOT_ASKED,

		/** The provider delivered (and billed) the image, and it was lost before the cache took it. */
		LOST,

		/** The image was already kept in the cache when the write failed: a restart uses it without a call. */
		KEPT

	}

	private final Path file;

	private final Image image;

	private LocalWriteException(Path file, IOException cause, Image image) {
		super("cannot write " + file + ": " + reason(cause), cause);
		this.file = file;
		this.image = image;
	}

	/** Writing a delivered answer's image failed: the provider generated it, so the call was billed. */
	public static LocalWriteException deliveredImage(Path file, IOException cause) {
		return new LocalWriteException(file, cause, Image.LOST);
	}

	/** Writing failed before anything was sent: no call is billed for it. */
	public static LocalWriteException of(Path file, IOException cause) {
		return new LocalWriteException(file, cause, Image.NOT_ASKED);
	}

	/** Writing failed after the call's image was kept in the cache (e.g. its copy into quarantine). */
	public static LocalWriteException keptImage(Path file, IOException cause) {
		return new LocalWriteException(file, cause, Image.KEPT);
	}

	public Path file() {
		return this.file;
	}

	/** Whether the write that failed held an image the provider had delivered (and billed) for this call. */
	public boolean imageDelivered() {
		return this.image == Image.LOST;
	}

	public Image image() {
		return this.image;
	}

	/** Why the write failed, e.g. "No space left on device". */
	public String reason() {
		return reason(getCause());
	}

	/**
	 * What went wrong, in words: the operating system's reason ("No space left on device") where it gave one. The JDK's
	 * {@link FileSystemException}s often carry only the path as their message, which alone explains nothing.
	 */
	public static String reason(IOException cause) {
		if (cause instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
			return fileSystem.getReason();
		}
		if (cause instanceof AccessDeniedException) {
			return "permission denied";
		}
		if (cause instanceof FileAlreadyExistsException exists) {
			return exists.getFile() + " exists and is not a folder";
		}
		if (cause instanceof NoSuchFileException missing) {
			return missing.getFile() + " does not exist";
		}
		if (cause instanceof NotDirectoryException notFolder) {
			return notFolder.getFile() + " is not a folder";
		}
		String message = cause.getMessage();
		if (message == null || message.isBlank() || cause instanceof FileSystemException) {
			return cause.getClass().getSimpleName();
		}
		return message;
	}

}
