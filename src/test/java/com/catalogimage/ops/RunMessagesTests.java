package com.catalogimage.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.support.Catalogs;
import com.catalogimage.support.JobRun;
import com.catalogimage.support.Simulators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code run}, {@code report} and {@code recover} say when something is off: one true line each, naming what
 * to do, and no promise that a plain rerun helps when it would only repeat the error.
 */
class RunMessagesTests {

	@TempDir
	Path workspace;

	@Test
	void theRunsFirstLineSaysWhereJobStateAndOutputAreAsAbsolutePaths() throws IOException {
		JobRun job = new JobRun(this.workspace);
		Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 3, "WHERE");
		JobRun.Result result = job.run("run", "--input", catalog.toString());
		assertThat(result.exitCode()).as(result.err()).isZero();
		assertThat(result.out().lines().findFirst()).contains("Job state: jdbc:h2:file:"
				+ this.workspace.resolve("db/catalog").toAbsolutePath() + "; output: " + job.output().toAbsolutePath());
	}

	@Test
	void aCatalogThatFailsStagingGetsNoReportLineAndNoPromiseThatARerunContinues() throws IOException {
		// given
		Path catalog = Files.writeString(this.workspace.resolve("products.csv"), "id,title\n1,a mug\n");
		JobRun job = new JobRun(this.workspace);
		// when
		JobRun.Result result = job.run("run", "--input", catalog.toString());
		// then
		assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(result.err()).contains("lacks required column(s): sku, name")
			.contains("Nothing was staged or generated: fix the cause above, then run the command again.")
			.doesNotContain("Run the same command again");
		assertThat(result.out()).doesNotContain("report:");
		assertThat(job.output().resolve("report.html")).doesNotExist();
	}

	@Test
	void aFailureAfterStagingSaysToFixTheCauseBeforeTheRerunThatContinues() throws IOException {
		try (SimulatorServer simulator = Simulators.start()) {
			// given: a revoked key from the first request on
			simulator.faults().setSystemic(0, "401");
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 5, "KEY");
			// when
			JobRun.Result result = new JobRun(this.workspace).run("run", "--input", catalog.toString(), "--base-url",
					simulator.baseUrl());
			// then
			assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
			assertThat(result.err()).contains("When the cause above is fixed (or has passed), run the same command"
					+ " again: it continues this run where it stopped (5 products pending).")
				.doesNotContain("Run the same command again");
			assertThat(result.out()).contains("  report: ");
		}
	}

	@Test
	void aCompletedRunAskedForAnotherOutputFolderSaysWhereItsImagesAreAndHowToGetThemThere() throws IOException {
		// given: the run completed into output/
		JobRun job = new JobRun(this.workspace);
		Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 3, "DONE");
		assertThat(job.run("run", "--input", catalog.toString()).exitCode()).isZero();
		Path elsewhere = this.workspace.resolve("elsewhere");
		// when
		JobRun.Result again = job.run("run", "--input", catalog.toString(), "--output", elsewhere.toString());
		JobRun.Result same = job.run("run", "--input", catalog.toString());
		// then
		assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(again.err()).matches("error: this run already completed on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d into "
				+ java.util.regex.Pattern.quote(job.output().toAbsolutePath().toString()) + " \\(job instance 1\\);"
				+ " nothing was written to .*elsewhere\\. Copy that folder to have its images here, or add a new"
				+ " --run-id to generate them again into .*elsewhere \\(paid again\\)\\.\\R");
		assertThat(elsewhere.resolve("images")).doesNotExist();
		assertThat(same.exitCode()).isZero();
		assertThat(same.out()).contains("This run already completed on ")
			.contains(" into " + job.output().toAbsolutePath() + " (job instance 1, execution 1); nothing to do.");
	}

	@Test
	void aStoppedRunContinuesOnlyInTheFolderWhereItsImagesAre() throws IOException {
		// given: a budget below one call's price stops the run before its first call
		JobRun job = new JobRun(this.workspace);
		Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 3, "HALT");
		JobRun.Result stopped = job.run("run", "--input", catalog.toString(), "--max-cost", "0.05");
		assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(ExitCodes.STOPPED);
		assertThat(stopped.err()).contains("Run the same command again to continue this run where it stopped.");
		// when
		JobRun.Result elsewhere = job.run("run", "--input", catalog.toString(), "--output",
				this.workspace.resolve("elsewhere").toString());
		// then
		assertThat(elsewhere.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(elsewhere.err()).contains("error: this run (execution 1, STOPPED) writes into "
				+ job.output().toAbsolutePath() + ", where its products done so far are; continue it with --output "
				+ job.output().toAbsolutePath() + ", or add a new --run-id");
		assertThat(job.run("run", "--input", catalog.toString()).exitCode()).as("the same folder continues").isZero();
	}

	@Test
	void anUnknownExecutionIsSaidToBeUnknown() {
		JobRun job = new JobRun(this.workspace);
		JobRun.Result report = job.run("report", "--execution", "99");
		ByteArrayOutputStream recoverErr = new ByteArrayOutputStream();
		int recover = CommandLineInterface.run(new String[] { "recover", "--execution", "99", "--db-url", job.dbUrl() },
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(recoverErr, true, StandardCharsets.UTF_8));
		assertThat(report.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(report.err().strip()).isEqualTo("error: no job execution 99 in this database (status lists them)");
		assertThat(recover).isEqualTo(ExitCodes.USAGE);
		assertThat(recoverErr.toString(StandardCharsets.UTF_8).strip())
			.isEqualTo("error: no job execution 99 in this database (status lists them)");
	}

}
