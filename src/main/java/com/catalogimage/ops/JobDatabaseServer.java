package com.catalogimage.ops;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

import org.h2.engine.SysProperties;
import org.h2.tools.Server;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Lets {@code status}, {@code report}, {@code estimate} and {@code recover} read the H2 file database while a
 * {@code run} has it open. H2 lets one process open a file; the run therefore serves its open database over H2's TCP
 * protocol on 127.0.0.1 only, on a free port, and writes where to {@code <database>.server.properties} beside the
 * file. The other commands connect through it when that file names a live process whose port answers, and open the
 * file themselves otherwise. The run's own connections stay embedded: WRITE_DELAY=0, the file lock and everything
 * kill -9 relies on are unchanged, and a second {@code run} is still refused by the lock.
 *
 * <p>H2's own mixed mode ({@code AUTO_SERVER=TRUE}) is not used: it refuses {@code DB_CLOSE_ON_EXIT=FALSE}, which a
 * graceful stop needs, it listens on every interface, and whichever process opens the file first serves it, so a run
 * could end up depending on a {@code status} that exits under it.
 *
 * <p>Access needs the database user and password, and the server accepts only the random key in the descriptor
 * (written readable by its owner only) as the database name, so it serves nothing else. Without {@code -tcpPassword}
 * H2 draws a random management password of its own, so nobody can shut the server down remotely.
 */
final class JobDatabaseServer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(JobDatabaseServer.class);

	/** H2 binds its server sockets to this system property's address; it is read once, when H2 loads. */
	static final String BIND_ADDRESS_PROPERTY = "h2.bindAddress";

	private static final String LOOPBACK = "127.0.0.1";

	private static final int CONNECT_TIMEOUT_MS = 500;

	private final @Nullable Path databaseFile;

	private @Nullable Server server;

	/** @param databaseFile the run's H2 file, or null when the job database is not one (nothing to serve) */
	JobDatabaseServer(@Nullable Path databaseFile) {
		this.databaseFile = databaseFile;
	}

	/**
	 * Makes H2 bind the servers it starts in this JVM to loopback. Must run before H2's classes load, i.e. before
	 * Spring starts; a value set explicitly ({@code -Dh2.bindAddress}) is kept, and {@link #start} checks it.
	 */
	static void bindToLoopback() {
		if (System.getProperty(BIND_ADDRESS_PROPERTY) == null) {
			System.setProperty(BIND_ADDRESS_PROPERTY, LOOPBACK);
		}
	}

	/** The descriptor a serving run writes beside an H2 database file. */
	static Path descriptor(Path databaseFile) {
		return databaseFile.resolveSibling(databaseFile.getFileName() + ".server.properties");
	}

	/**
	 * The URL through which another process can use the database while a run serves it: only when the descriptor
	 * names a live process and its port answers on loopback (a run killed with {@code kill -9} leaves a stale
	 * descriptor behind).
	 */
	static Optional<String> urlForReaders(Path databaseFile) {
		Path descriptor = descriptor(databaseFile);
		if (!Files.isRegularFile(descriptor)) {
			return Optional.empty();
		}
		Properties served = new Properties();
		try (Reader reader = Files.newBufferedReader(descriptor, StandardCharsets.UTF_8)) {
			served.load(reader);
			long pid = Long.parseLong(served.getProperty("pid", "-1"));
			int port = Integer.parseInt(served.getProperty("port", "-1"));
			String url = served.getProperty("url");
			boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
			return alive && url != null && answers(port) ? Optional.of(url) : Optional.empty();
		}
		catch (IOException | IllegalArgumentException ex) {
			// unreadable or half-written: open the file directly, which fails clearly if it is locked
			return Optional.empty();
		}
	}

	/** The pid of the run serving the database, if its descriptor names a live process. */
	static Optional<Long> servingProcess(Path databaseFile) {
		Properties served = new Properties();
		try (Reader reader = Files.newBufferedReader(descriptor(databaseFile), StandardCharsets.UTF_8)) {
			served.load(reader);
			long pid = Long.parseLong(served.getProperty("pid", "-1"));
			return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
		}
		catch (IOException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static boolean answers(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MS);
			return true;
		}
		catch (IOException | IllegalArgumentException ex) {
			return false;
		}
	}

	@Override
	public synchronized void start() {
		Path file = this.databaseFile;
		if (file == null) {
			return;
		}
		if (!loopbackOnly()) {
			log.warn("Not serving the job database to status, report, estimate and recover during this run: {}={} is "
					+ "not a loopback address", BIND_ADDRESS_PROPERTY, SysProperties.BIND_ADDRESS);
			return;
		}
		byte[] secret = new byte[16];
		new SecureRandom().nextBytes(secret);
		String key = HexFormat.of().formatHex(secret);
		try {
			Server started = Server.createTcpServer("-tcpPort", "0", "-tcpDaemon", "-key", key, file.toString())
				.start();
			this.server = started;
			writeDescriptor(file, started.getPort(), "jdbc:h2:tcp://" + LOOPBACK + ":" + started.getPort() + "/" + key);
		}
		catch (SQLException | IOException | UncheckedIOException ex) {
			// the run does not need this; only other commands cannot look at it while it runs
			log.warn("Not serving the job database to other commands during this run: {}", ex.getMessage());
			stop();
		}
	}

	/** Whether H2's server sockets in this JVM are bound to a loopback address (never to every interface). */
	static boolean loopbackOnly() {
		String bind = SysProperties.BIND_ADDRESS;
		if (bind == null || bind.isBlank()) {
			return false;
		}
		try {
			return InetAddress.getByName(bind).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static void writeDescriptor(Path databaseFile, int port, String url) throws IOException {
		Properties served = new Properties();
		served.setProperty("url", url);
		served.setProperty("port", String.valueOf(port));
		served.setProperty("pid", String.valueOf(ProcessHandle.current().pid()));
		served.setProperty("started", Instant.now().toString());
		Path descriptor = descriptor(databaseFile);
		Path temp = descriptor.resolveSibling(descriptor.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
		Files.deleteIfExists(temp);
		try {
			Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException | FileAlreadyExistsException notPosix) {
			Files.createFile(temp);
		}
		try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
			served.store(writer, "the job database served by a running catalog-image-batch run to its other commands");
		}
		Files.move(temp, descriptor, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	@Override
	public synchronized void stop() {
		Server running = this.server;
		Path file = this.databaseFile;
		this.server = null;
		if (running == null || file == null) {
			return;
		}
		try {
			Files.deleteIfExists(descriptor(file));
		}
		catch (IOException ex) {
			// a stale descriptor names a dead process and is ignored
			log.debug("Could not delete {}: {}", descriptor(file), ex.toString());
		}
		running.stop();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.server != null;
	}

}
