package com.catalogimage.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.storage.OutputFolderLock;
import com.catalogimage.support.Catalogs;
import com.catalogimage.support.JobRun;
import com.catalogimage.support.Simulators;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * {@code run} makes sure of its output folder before it pays for anything: it can be written (else exit 64, nothing
 * done) and no other run writes it (else exit 5). The commands that only read leave the folder's lock alone.
 */
class OutputFolderGuardTests {

	@TempDir
	Path workspace;

	@AutoClose
	private final SimulatorServer simulator = Simulators.start();

	@Test
	void aFileGivenAsTheOutputFolderIsAUsageErrorBeforeAnyCall() throws IOException {
		// given
		Path file = Files.writeString(this.workspace.resolve("output"), "not a folder");
		JobRun job = new JobRun(this.workspace);
		// when
		JobRun.Result result = run(job, "--output", file.toString());
		// then
		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err().strip()).isEqualTo("error: the output folder " + file + " is a file, not a folder (--output)");
		assertThat(this.simulator.stats().requests()).isZero();
		assertThat(job.dbFile()).doesNotExist();
	}

	@Test
	void aFileWhereTheCacheFolderGoesIsAUsageErrorBeforeAnyCall() throws IOException {
		// given
		JobRun job = new JobRun(this.workspace);
		Files.createDirectories(job.output());
		Files.writeString(job.output().resolve(".cache"), "in the way");
		// when
		JobRun.Result result = run(job);
		// then
		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err().strip()).startsWith("error: cannot create the folder " + job.output().resolve(".cache"));
		assertThat(this.simulator.stats().requests()).isZero();
	}

	@Test
	void aFileWhereTheImagesFolderGoesIsAUsageErrorBeforeAnyCall() throws IOException {
		// given
		JobRun job = new JobRun(this.workspace);
		Files.createDirectories(job.output());
		Files.writeString(job.output().resolve("images"), "in the way");
		// when
		JobRun.Result result = run(job);
		// then
		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err().strip()).startsWith("error: cannot create the folder " + job.output().resolve("images"));
		assertThat(this.simulator.stats().requests()).isZero();
	}

	@Test
	void aReadOnlyOutputFolderIsAUsageErrorBeforeAnyCall() throws IOException {
		// given
		JobRun job = new JobRun(this.workspace);
		Files.createDirectories(job.output());
		Files.setPosixFilePermissions(job.output(), PosixFilePermissions.fromString("r-xr-xr-x"));
		try {
			assumeFalse(canCreateFileIn(job.output()), "permissions do not stop this user (root) from writing");
			// when
			JobRun.Result result = run(job);
			// then
			assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
			assertThat(result.err().strip())
				.isEqualTo("error: cannot write in the output folder " + job.output() + ": permission denied (--output)");
			assertThat(this.simulator.stats().requests()).isZero();
		}
		finally {
			Files.setPosixFilePermissions(job.output(), PosixFilePermissions.fromString("rwxr-xr-x"));
		}
	}

	@Test
	void aFolderAnotherRunWritesIsRefusedWithOneLineAStaleLockIsTakenOverAndReadingCommandsAreNotRefused() throws IOException {
		// given: another run holds the output folder
		JobRun job = new JobRun(this.workspace);
		Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 3, "LOCK");
		Files.createDirectories(job.output());
		try (OutputFolderLock other = OutputFolderLock.acquire(job.output(), Path.of("/elsewhere/products.csv"))) {
			// when
			JobRun.Result result = run(job, "--input", catalog.toString());
			// then
			assertThat(result.exitCode()).isEqualTo(ExitCodes.ALREADY_RUNNING);
			assertThat(result.err().lines()).singleElement()
				.asString()
				.startsWith("error: the output folder " + job.output() + " is in use by another run (pid "
						+ ProcessHandle.current().pid() + " on host ")
				.contains("/elsewhere/products.csv")
				.endsWith("wait for it to end, or use another --output");
			assertThat(this.simulator.stats().requests()).isZero();
		}
		// when: the other run is over, killed, leaving its record behind under no lock
		Files.writeString(job.output().resolve(OutputFolderLock.FILE_NAME),
				"pid=4242\nhost=h\nuser=u\nstarted=2026-11-30T02:00:00Z\nworking-folder=/w\ncatalog=/c.csv\n");
		JobRun.Result after = run(job, "--input", catalog.toString());
		// then: the folder is taken over with a note, and released at the end
		assertThat(after.exitCode()).as(after.err()).isZero();
		assertThat(after.err()).contains("note: the last run into this output folder ended without releasing it "
				+ "(pid 4242 on host h, user u");
		assertThat(this.simulator.stats().generations()).isEqualTo(3);
		assertThat(job.output().resolve(OutputFolderLock.FILE_NAME)).as("released").isEmptyFile();
		// and while a run holds the folder, the commands that do not generate images are not refused
		long execution = job.jdbc().queryForObject("select max(job_execution_id) from batch_job_execution", Long.class);
		try (OutputFolderLock other = OutputFolderLock.acquire(job.output(), Path.of("/elsewhere/products.csv"))) {
			assertThat(job.run("estimate", "--input", catalog.toString()).exitCode()).isZero();
			assertThat(job.run("report", "--execution", String.valueOf(execution)).exitCode()).isZero();
		}
	}

	private JobRun.Result run(JobRun job, String... args) {
		String[] all = new String[args.length + 5];
		all[0] = "run";
		System.arraycopy(args, 0, all, 1, args.length);
		System.arraycopy(new String[] { "--provider", "simulator", "--base-url", this.simulator.baseUrl() }, 0, all,
				args.length + 1, 4);
		return job.run(all);
	}

	private static boolean canCreateFileIn(Path folder) {
		try {
			Files.delete(Files.createTempFile(folder, "probe", ".tmp"));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
