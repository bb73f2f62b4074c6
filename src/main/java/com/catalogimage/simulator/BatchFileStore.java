package com.catalogimage.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider's files: uploads kept on disk in a temp folder of their own (a batch input with reference images inline
 * can be gigabytes, so never on the heap), and result files, which are only a name for a batch's results: they are
 * rendered each time they are read. The folder is deleted when the simulator closes.
 */
final class BatchFileStore implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(BatchFileStore.class);

	/** What a file holds: an upload, or a batch's output or error lines. */
	enum Kind {

		UPLOAD, OUTPUT, ERRORS

	}

	/**
	 * @param id the provider's id without any prefix ({@code abc123} for Gemini's {@code files/abc123})
	 * @param path where an upload's bytes are; null for result files
	 * @param batchId the batch a result file belongs to; null for uploads
	 */
	record StoredFile(String id, String name, String mimeType, String purpose, long bytes, Instant created,
			Kind kind, @Nullable Path path, @Nullable String batchId) {

	}

	private final String prefix;

	private final Map<String, StoredFile> files = new ConcurrentHashMap<>();

	private @Nullable Path folder;

	BatchFileStore(String prefix) {
		this.prefix = prefix;
	}

	/** A new empty file in the store's folder for an upload's bytes. */
	synchronized Path newUpload(String id) {
		try {
			if (this.folder == null) {
				this.folder = Files.createTempDirectory("catalog-simulator-" + this.prefix + "-");
			}
			return Files.createFile(this.folder.resolve(id));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the simulator cannot keep an uploaded file", ex);
		}
	}

	void put(StoredFile file) {
		this.files.put(file.id(), file);
	}

	@Nullable StoredFile get(String id) {
		return this.files.get(id);
	}

	/** Forgets a file and deletes its bytes; false when there was no such file. */
	boolean delete(String id) {
		StoredFile file = this.files.remove(id);
		if (file == null) {
			return false;
		}
		if (file.path() != null) {
			deleteQuietly(file.path());
		}
		return true;
	}

	@Override
	public synchronized void close() {
		this.files.clear();
		Path root = this.folder;
		if (root == null) {
			return;
		}
		try (Stream<Path> all = Files.walk(root)) {
			all.sorted(Comparator.reverseOrder()).forEach(BatchFileStore::deleteQuietly);
		}
		catch (IOException ex) {
			log.debug("Simulator files left in {}: {}", root, ex.toString());
		}
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			log.debug("Simulator file {} not deleted: {}", path, ex.toString());
		}
	}

}
