package com.catalogimage.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputFolderLockTests {

	@TempDir
	Path output;

	@Test
	void theLockFileSaysWhoHoldsItAndIsEmptiedOnRelease() throws IOException {
		// when
		try (OutputFolderLock lock = OutputFolderLock.acquire(this.output, Path.of("/data/products.csv"))) {
			// then
			assertThat(lock.stale()).isEmpty();
			assertThat(Files.readAllLines(lockFile())).contains("pid=" + ProcessHandle.current().pid(),
					"user=" + System.getProperty("user.name"), "catalog=/data/products.csv",
					"working-folder=" + Path.of("").toAbsolutePath());
		}
		assertThat(lockFile()).isEmptyFile();
	}

	@Test
	void aSecondRunInThisProcessIsRefusedNamingTheFolderAndTheHolder() {
		try (OutputFolderLock first = OutputFolderLock.acquire(this.output, Path.of("a.csv"))) {
			assertThatThrownBy(() -> OutputFolderLock.acquire(this.output, Path.of("b.csv")))
				.isInstanceOf(OutputFolderLock.InUseException.class)
				.hasMessageStartingWith("the output folder " + this.output + " is in use by another run (pid "
						+ ProcessHandle.current().pid() + " on host ")
				.hasMessageContaining("a.csv");
			// the refusal did not release the first run's lock
			assertThatThrownBy(() -> OutputFolderLock.acquire(this.output, Path.of("c.csv")))
				.isInstanceOf(OutputFolderLock.InUseException.class);
		}
		OutputFolderLock.acquire(this.output, Path.of("b.csv")).close();
	}

	@Test
	void anotherProcessHoldsTheLockUntilItDiesAndItsLeftoverIsThenTakenOverAsStale() throws Exception {
		// given: another process holds the folder
		Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), OtherRun.class.getName(), this.output.toString())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		try {
			BufferedReader said = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
			assertThat(said.readLine()).isEqualTo("locked");
			// when / then: refused, naming that process
			assertThatThrownBy(() -> OutputFolderLock.acquire(this.output, Path.of("mine.csv")))
				.isInstanceOf(OutputFolderLock.InUseException.class)
				.hasMessageContaining("(pid " + other.pid() + " on host ")
				.hasMessageContaining("other.csv");
			// when: it is killed without releasing anything
			other.destroyForcibly();
			assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(Files.readAllLines(lockFile())).as("its record is left behind").contains("pid=" + other.pid());
			// then: the operating system released its lock, and its record is recognised as stale
			try (OutputFolderLock lock = OutputFolderLock.acquire(this.output, Path.of("mine.csv"))) {
				assertThat(lock.stale()).hasValueSatisfying(holder -> assertThat(holder.pid()).isEqualTo(other.pid()));
				assertThat(Files.readAllLines(lockFile())).contains("pid=" + ProcessHandle.current().pid());
			}
		}
		finally {
			other.destroyForcibly();
		}
	}

	@Test
	void aRecordOfAProcessThatIsGoneIsStaleWhereTheFileSystemHasNoLocks() {
		// a pid on this host that no process has, and the one of this process
		OutputFolderLock.Holder self = OutputFolderLock.Holder.current(Path.of("a.csv"));
		long unused = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1) + 1000;
		assertThat(new OutputFolderLock.Holder(unused, self.host(), "u", "t", "w", "c").gone()).isTrue();
		assertThat(new OutputFolderLock.Holder(ProcessHandle.current().pid(), self.host(), "u", "t", "w", "c").gone())
			.isFalse();
		assertThat(new OutputFolderLock.Holder(unused, "another-host", "u", "t", "w", "c").gone())
			.as("a process on another host cannot be checked from here").isFalse();
		assertThat(OutputFolderLock.Holder.parse("")).as("a released lock").isEmpty();
		assertThat(OutputFolderLock.Holder.parse(String.join("\n", List.of("pid=42", "host=h", "user=u")))).hasValueSatisfying(
				holder -> assertThat(holder.describe()).startsWith("pid 42 on host h, user u"));
	}

	private Path lockFile() {
		return this.output.resolve(OutputFolderLock.FILE_NAME);
	}

	/** Another run, in another process: holds the lock of the folder given until it is killed or its input ends. */
	public static final class OtherRun {

		public static void main(String[] args) throws IOException {
			try (OutputFolderLock lock = OutputFolderLock.acquire(Path.of(args[0]), Path.of("other.csv"))) {
				System.out.println("locked");
				System.out.flush();
				System.in.read();
			}
		}

	}

}
