package com.catalogimage.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * Publishing files so that a reader sees either the old file or the whole new one, never a partial one, whatever
 * moment the JVM dies at: write to a temp file in the same folder, force it to disk, then rename over the target.
 */
public final class AtomicFiles {

	private static final SecureRandom RANDOM = new SecureRandom();

	/** The permissions a new file gets in each folder (the umask's), learnt once per folder; none without POSIX. */
	private static final Map<Path, Optional<Set<PosixFilePermission>>> USUAL = new ConcurrentHashMap<>();

	private AtomicFiles() {
	}

	/** Moves {@code source} onto {@code target} atomically, after forcing its bytes to disk. */
	public static void publish(Path source, Path target) throws IOException {
		ensureDirectory(target.getParent());
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
	 * <p>
	 * The link is made under a fresh name directly, with no empty file created and deleted first: in a folder of
	 * thousands of images each such entry is a directory update that all workers queue for. The name need not be
	 * unguessable: making a link never follows or replaces an existing name, another name is drawn instead.
	 */
	public static void link(Path source, Path target) throws IOException {
		Path directory = target.toAbsolutePath().getParent();
		Optional<Set<PosixFilePermission>> usual = usualPermissions(directory);
		Path temp;
		try {
			temp = linkBeside(directory, target, source);
		}
		catch (UnsupportedOperationException | IOException ex) {
			copy(source, target);
			return;
		}
		try {
			if (usual.isPresent() && !usual.get().equals(Files.getPosixFilePermissions(temp))) {
				Files.setPosixFilePermissions(temp, usual.get());
			}
			move(temp, target);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(temp);
			throw ex;
		}
	}

	/** A new hard link to {@code source} under a fresh name beside {@code target}; the folder is made if missing. */
	private static Path linkBeside(Path directory, Path target, Path source) throws IOException {
		boolean madeFolder = false;
		while (true) {
			Path temp = directory.resolve("." + target.getFileName() + "."
					+ Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".part");
			try {
				return Files.createLink(temp, source);
			}
			catch (FileAlreadyExistsException ex) {
				// that name is taken: draw again
			}
			catch (NoSuchFileException ex) {
				if (madeFolder || !Files.isRegularFile(source)) {
					throw ex;
				}
				Files.createDirectories(directory);
				madeFolder = true;
			}
		}
	}

	/**
	 * The permissions a new file gets in {@code directory}: the umask's, which a JVM cannot change, so a probe file
	 * made once per folder tells them for the rest of the process.
	 */
	static Optional<Set<PosixFilePermission>> usualPermissions(Path directory) throws IOException {
		Optional<Set<PosixFilePermission>> known = USUAL.get(directory);
		if (known != null) {
			return known;
		}
		Path probe = tempBeside(directory.resolve("permissions"));
		try {
			Optional<Set<PosixFilePermission>> usual = Optional.ofNullable(posixPermissions(probe));
			USUAL.put(directory, usual);
			return usual;
		}
		finally {
			Files.deleteIfExists(probe);
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
		ensureDirectory(directory);
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

	/**
	 * Makes {@code directory} if it is missing. {@link Files#createDirectories} alone throws and catches an exception,
	 * its stack trace filled in, whenever the folder exists: once or twice per image on a worker's deep stack.
	 */
	public static void ensureDirectory(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			Files.createDirectories(directory);
		}
	}

	/** A file-writing step that may fail with an {@link IOException}. */
	@FunctionalInterface
	public interface IoConsumer<T> {

		void accept(T value) throws IOException;

	}

}
