package com.catalogimage.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Publishing files so that a reader sees either the old file or the whole new one, never a partial one, whatever
 * moment the JVM dies at: write to a temp file in the same folder, force it to disk, then rename over the target.
 */
public final class AtomicFiles {

	private AtomicFiles() {
	}

	/** Moves {@code source} onto {@code target} atomically, after forcing its bytes to disk. */
	public static void publish(Path source, Path target) throws IOException {
		Files.createDirectories(target.getParent());
		try (FileChannel channel = FileChannel.open(source, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
		try {
			Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/** Copies {@code source} to {@code target} through a temp file beside the target. */
	public static void copy(Path source, Path target) throws IOException {
		Files.createDirectories(target.getParent());
		Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
		try {
			Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
			publish(temp, target);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	/** Writes a file through a temp file beside it. */
	public static void write(Path target, IoConsumer<Path> writer) throws IOException {
		Files.createDirectories(target.toAbsolutePath().getParent());
		Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".part");
		try {
			writer.accept(temp);
			publish(temp, target);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	/** A file-writing step that may fail with an {@link IOException}. */
	@FunctionalInterface
	public interface IoConsumer<T> {

		void accept(T value) throws IOException;

	}

}
