package com.catalogimage.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * One run at a time writes an output folder. Two runs of the same catalog with different job databases (started from
 * different working folders, say) would otherwise both buy every image. The lock is an operating-system lock on
 * {@code <output>/.lock}, so the system releases it when the process dies, whatever the way; the file says who holds
 * it (user, pid, host, start, working folder, catalog), for the message the second run prints. A file with content
 * whose lock is free was left by a process that died: it is stale, and taken over. Where the file system offers no
 * locks (some network mounts), the recorded pid decides: a live process on this host holds it, a dead one does not.
 * The file stays when the lock is released, emptied.
 */
public final class OutputFolderLock implements AutoCloseable {

	public static final String FILE_NAME = ".lock";

	/**
	 * Folders this process holds, by real path. An OS file lock belongs to the process, and closing any channel on
	 * the file releases it, so a second run in the same JVM (an embedding program, a test) is refused from here
	 * without touching the file.
	 */
	private static final Map<Path, Holder> HELD_HERE = new ConcurrentHashMap<>();

	private final Path key;

	private final FileChannel channel;

	private final @Nullable FileLock lock;

	private final @Nullable Holder stale;

	private OutputFolderLock(Path key, FileChannel channel, @Nullable FileLock lock, @Nullable Holder stale) {
		this.key = key;
		this.channel = channel;
		this.lock = lock;
		this.stale = stale;
	}

	/**
	 * Takes the lock of an output folder that exists.
	 * @param catalog the catalog the run reads, recorded for the message another run would print
	 * @throws InUseException when another run holds it
	 */
	public static OutputFolderLock acquire(Path outputFolder, Path catalog) {
		Path file = outputFolder.resolve(FILE_NAME);
		Path key = realPath(outputFolder);
		Holder self = Holder.current(catalog);
		Holder inThisProcess = HELD_HERE.putIfAbsent(key, self);
		if (inThisProcess != null) {
			// Checked before the file is opened: closing any channel on it would drop this process's OS lock.
			throw new InUseException(outputFolder, inThisProcess, null);
		}
		FileChannel channel = null;
		try {
			channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
			FileLock lock = null;
			boolean locksWork = true;
			try {
				lock = channel.tryLock();
			}
			catch (IOException noLocksHere) {
				locksWork = false;
			}
			Optional<Holder> recorded = Holder.parse(read(channel));
			boolean free = locksWork ? lock != null : recorded.map(Holder::gone).orElse(true);
			if (!free) {
				throw new InUseException(outputFolder, recorded.orElse(null), locksWork ? null : file);
			}
			write(channel, self.text());
			return new OutputFolderLock(key, channel, lock, recorded.orElse(null));
		}
		catch (IOException ex) {
			release(key, channel);
			throw new UncheckedIOException("cannot lock the output folder: " + file, ex);
		}
		catch (RuntimeException ex) {
			release(key, channel);
			throw ex;
		}
	}

	private static Path realPath(Path folder) {
		try {
			return folder.toRealPath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot lock the output folder: " + folder, ex);
		}
	}

	private static void release(Path key, @Nullable FileChannel channel) {
		closeQuietly(channel);
		HELD_HERE.remove(key);
	}

	/** Who held the lock last without releasing it (a process that died), or empty. */
	public Optional<Holder> stale() {
		return Optional.ofNullable(this.stale);
	}

	/** Empties the file, so the next run finds it clean, and releases the lock. */
	@Override
	public void close() {
		try {
			this.channel.truncate(0);
		}
		catch (IOException ignored) {
			// the lock is released below all the same; the next run calls the content stale
		}
		try {
			if (this.lock != null) {
				this.lock.release();
			}
		}
		catch (IOException ignored) {
			// closing the channel releases it too
		}
		release(this.key, this.channel);
	}

	private static String read(FileChannel channel) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 64 * 1024));
		while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
			// reads until the buffer is full or the file ends
		}
		return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
	}

	private static void write(FileChannel channel, String text) throws IOException {
		channel.truncate(0);
		ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
		long position = 0;
		while (buffer.hasRemaining()) {
			position += channel.write(buffer, position);
		}
		channel.force(true);
	}

	private static void closeQuietly(@Nullable FileChannel channel) {
		if (channel == null) {
			return;
		}
		try {
			channel.close();
		}
		catch (IOException ignored) {
			// nothing more to release
		}
	}

	/** What the lock file records about the run holding it. */
	public record Holder(long pid, String host, String user, String started, String workingFolder, String catalog) {

		static Holder current(Path catalog) {
			String jvm = ManagementFactory.getRuntimeMXBean().getName();
			String host = jvm.contains("@") ? jvm.substring(jvm.indexOf('@') + 1) : "unknown";
			return new Holder(ProcessHandle.current().pid(), host, System.getProperty("user.name", "unknown"),
					Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
					Path.of("").toAbsolutePath().toString(), catalog.toAbsolutePath().normalize().toString());
		}

		/** The recorded holder, or empty for an empty (released) or unreadable file. */
		static Optional<Holder> parse(String text) {
			Map<String, String> values = new LinkedHashMap<>();
			text.lines().forEach(line -> {
				int equals = line.indexOf('=');
				if (equals > 0) {
					values.put(line.substring(0, equals), line.substring(equals + 1));
				}
			});
			try {
				return Optional.of(new Holder(Long.parseLong(values.getOrDefault("pid", "")),
						values.getOrDefault("host", "?"), values.getOrDefault("user", "?"),
						values.getOrDefault("started", "?"), values.getOrDefault("working-folder", "?"),
						values.getOrDefault("catalog", "?")));
			}
			catch (NumberFormatException unreadable) {
				return Optional.empty();
			}
		}

		String text() {
			return "pid=" + this.pid + "\nhost=" + this.host + "\nuser=" + this.user + "\nstarted=" + this.started
					+ "\nworking-folder=" + this.workingFolder + "\ncatalog=" + this.catalog + "\n";
		}

		/**
		 * Whether the holder's process has certainly ended: it ran on this host and no process has its pid now. A
		 * holder on another host cannot be checked from here, so it counts as alive.
		 */
		boolean gone() {
			Holder self = current(Path.of(""));
			if (!this.host.equals(self.host)) {
				return false;
			}
			return this.pid != self.pid && ProcessHandle.of(this.pid).map(process -> !process.isAlive()).orElse(true);
		}

		/** For messages: {@code pid 4242 on host build-1, user alice, started ... in /home/alice, catalog ...}. */
		public String describe() {
			return "pid " + this.pid + " on host " + this.host + ", user " + this.user + ", started " + this.started
					+ " in " + this.workingFolder + ", catalog " + this.catalog;
		}

	}

	/** Another run holds the output folder; the message is the one line the second run prints. */
	public static final class InUseException extends RuntimeException {

		InUseException(Path outputFolder, @Nullable Holder holder, @Nullable Path unlockableFile) {
			super("the output folder " + outputFolder + " is in use by another run ("
					+ (holder == null ? "which has not recorded itself yet" : holder.describe())
					+ "); two runs writing one folder would pay for the same images twice: wait for it to end, or use another --output"
					+ (unlockableFile == null ? ""
							: " (this file system has no locks: if that run is over, delete " + unlockableFile + ")"));
		}

	}

}
