package com.catalogimage.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Publishing files so that a reader sees either the old file or the whole new one, never a partial one, whatever
 * moment the JVM dies at: write to a temp file in the same folder, force it to disk, then rename over the target.
 */
public final class AtomicFiles {

	private static final SecureRandom RANDOM = new SecureRandom();

	private AtomicFiles() {
	}

	/** Moves {@code source} onto {@code target} atomically, after forcing its bytes to disk. */
	public static void publish(Path source, Path target) throws IOException {
		Files.createDirectories(target.getParent());
		try (FileChannel channel = FileChannel.open(source, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
		move(source, target);
	}

	private static void move(Path source, Path target) throws IOException {
		try {
			Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * Copies {@code source} to {@code target} through a temp file beside the target. The bytes are streamed into the
	 * new file rather than copied with {@link Files#copy(Path, Path, java.nio.file.CopyOption...)}, which would give the
	 * target the source's owner-only permissions (the cache's files come from temp files).
	 */
	public static void copy(Path source, Path target) throws IOException {
		Path temp = tempBeside(target);
		try {
			try (InputStream in = Files.newInputStream(source); OutputStream out = Files.newOutputStream(temp)) {
				in.transferTo(out);
			}
			publish(temp, target);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	/**
	 * Gives {@code source}, a file already forced to disk (a cache entry), a second name at {@code target}: a hard
	 * link made beside the target and renamed over it. No byte is copied and nothing needs forcing again, so an image
	 * is placed without a second fsync; a power cut leaves the old target or the new one, whose bytes reached the disk
	 * before the source got its name. The file gets the permissions of any new file (the umask's), so the placed image
	 * reads like one the user wrote, and so does its cache entry, which is the same file. Where no link can be made (a
	 * file system without hard links, the source on another one) it is {@linkplain #copy copied}.
	 */
	public static void link(Path source, Path target) throws IOException {
		Path temp = tempBeside(target);
		try {
			Set<PosixFilePermission> usual = posixPermissions(temp);
			Files.delete(temp);
			try {
				Files.createLink(temp, source);
			}
			catch (UnsupportedOperationException | IOException ex) {
				copy(source, target);
				return;
			}
			if (usual != null && !usual.equals(Files.getPosixFilePermissions(temp))) {
				Files.setPosixFilePermissions(temp, usual);
			}
			move(temp, target);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	private static @Nullable Set<PosixFilePermission> posixPermissions(Path file) throws IOException {
		return file.getFileSystem().supportedFileAttributeViews().contains("posix")
				? Files.getPosixFilePermissions(file) : null;
	}

	/** Writes a file through a temp file beside it. */
	public static void write(Path target, IoConsumer<Path> writer) throws IOException {
		Path temp = tempBeside(target);
		try {
			writer.accept(temp);
			publish(temp, target);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	/**
	 * A new empty file with a unique name beside {@code target}, for writing it before the rename. Unlike
	 * {@link Files#createTempFile}, which makes owner-only files, it gets the permissions of any new file (the
	 * umask's), so published images and reports can be read like files the user writes by hand, e.g. by a web server
	 * showing report.html.
	 */
	public static Path tempBeside(Path target) throws IOException {
		Path directory = target.toAbsolutePath().getParent();
		Files.createDirectories(directory);
		while (true) {
			Path temp = directory.resolve("." + target.getFileName() + "."
					+ Long.toUnsignedString(RANDOM.nextLong(), 36) + ".part");
			try {
				return Files.createFile(temp);
			}
			catch (FileAlreadyExistsException ex) {
				// another writer drew the same name: draw again
			}
		}
	}

	/** A file-writing step that may fail with an {@link IOException}. */
	@FunctionalInterface
	public interface IoConsumer<T> {

		void accept(T value) throws IOException;

	}

}
