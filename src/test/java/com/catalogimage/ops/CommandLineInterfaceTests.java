package com.catalogimage.ops;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.catalogimage.support.JobRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineInterfaceTests {

	@TempDir
	Path workspace;

	@Test
	void unknownFlagExitsWithUsageErrorWithoutTouchingTheDatabase() {
		JobRun job = new JobRun(this.workspace);
		JobRun.Result result = job.run("run", "--concurency", "8");
		JobRun.Result farOff = job.run("run", "--zzz", "8");
		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err().strip()).isEqualTo(
				"error: unknown option --concurency for 'run'; did you mean --concurrency? (see run --help)");
		assertThat(farOff.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(farOff.err().strip()).isEqualTo("error: unknown option --zzz for 'run' (see run --help)");
		assertThat(job.dbFile()).doesNotExist();
	}

	@Test
	void anExecutionIdThatIsNoNumberIsAUsageErrorWithoutTouchingTheDatabase() {
		// given: before, Long.parseLong failed inside the context, after the database was opened (exit 1)
		JobRun job = new JobRun(this.workspace);
		// when
		JobRun.Result result = run("recover", "--execution", "abc", "--db-url", job.dbUrl());
		// then
		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err().strip()).isEqualTo("error: --execution needs a whole number of at least 1, not 'abc'");
		assertThat(job.dbFile()).doesNotExist();
	}

	@Test
	void completionPrintsTheBashScriptWithoutTouchingTheDatabase() {
		JobRun.Result result = run("completion");
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith("#!/usr/bin/env bash").contains("complete -F").contains("--concurrency");
		assertThat(result.err()).isEmpty();
	}

	@Test
	void missingInputFileExitsWithUsageErrorWithoutTouchingTheDatabase() {
		JobRun job = new JobRun(this.workspace);
		JobRun.Result result = job.run("run", "--input", this.workspace.resolve("nope.csv").toString());
		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).contains("input file not found").contains("nope.csv");
		assertThat(job.dbFile()).doesNotExist();
	}

	@Test
	void anEmptyFlagValueIsAUsageErrorRatherThanTheDefault() {
		// given: a script whose catalog variable came out empty (readlink -f of a missing folder prints nothing)
		JobRun job = new JobRun(this.workspace);
		// when
		JobRun.Result emptyInput = job.run("run", "--input", "");
		JobRun.Result emptyModel = job.run("run", "--model=");
		JobRun.Result blankOutput = job.run("estimate", "--output", " ");
		// then: nothing ran on the default (sample) catalog
		assertThat(emptyInput.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(emptyInput.err().strip()).isEqualTo("error: --input needs a value (FILE), not an empty string");
		assertThat(emptyModel.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(emptyModel.err()).contains("--model needs a value (NAME), not an empty string");
		assertThat(blankOutput.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(blankOutput.err()).contains("--output needs a value (DIR)");
		assertThat(emptyInput.out()).doesNotContain("COMPLETED");
		assertThat(job.dbFile()).doesNotExist();
		assertThat(job.output()).doesNotExist();
	}

	@Test
	void badValuesAreUsageErrorsNamingTheFlag() {
		JobRun job = new JobRun(this.workspace);
		assertThat(job.run("run", "--size", "1k").err()).contains("--size must be one of 512, 1K, 2K, 4K");
		assertThat(job.run("run", "--rpm", "0").err()).contains("--rpm needs a whole number of at least 1");
		assertThat(job.run("run", "--rpm").err()).contains("--rpm needs a value");
		assertThat(job.run("run", "--profile", "no-such-profile").err()).contains("profile not found");
	}

	@Test
	void helpListsEveryRunFlag() {
		JobRun.Result result = new JobRun(this.workspace).run("run", "--help");
		assertThat(result.exitCode()).isZero();
		for (String flag : new String[] { "--input", "--output", "--provider", "--base-url", "--model", "--size",
				"--aspect-ratio", "--concurrency", "--rpm", "--chunk-size", "--run-id", "--profile" }) {
			assertThat(result.out()).contains(flag);
		}
	}

	@Test
	void openAiProviderWithoutItsKeyVariableIsAUsageErrorNamingTheVariable() {
		JobRun job = new JobRun(this.workspace).property("imagebatch.provider.openai.api-key-env",
				"CATALOG_TEST_UNSET_OPENAI_KEY");
		JobRun.Result result = job.run("run", "--provider", "openai", "--model", "gpt-image-1");
		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).contains("CATALOG_TEST_UNSET_OPENAI_KEY").contains("--provider openai");
	}

	@Test
	void helpListsTheSimulateCommandAndItsFlags() {
		JobRun job = new JobRun(this.workspace);
		assertThat(job.run("--help").out()).contains("simulate");
		String help = job.run("simulate", "--help").out();
		for (String flag : new String[] { "--port", "--server-rpm", "--rpd", "--time-scale", "--payload", "--render",
				"--fault-429", "--block-word", "--systemic-after", "--api-key-env", "--batch-delay",
				"--fault-batch-stuck", "--batch-unsupported-model" }) {
			assertThat(help).contains(flag);
		}
	}

	@Test
	void reportNeedsExactlyOneWayToChooseTheRunAndChecksItBeforeTouchingTheDatabase() {
		JobRun job = new JobRun(this.workspace);
		JobRun.Result neither = job.run("report");
		JobRun.Result both = job.run("report", "--execution", "3", "--run-id", "x");
		JobRun.Result zero = job.run("report", "--execution", "0");
		assertThat(neither.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(neither.err().strip()).isEqualTo("error: report needs exactly one of --execution ID or --run-id ID");
		assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(zero.err()).contains("--execution needs a whole number of at least 1");
		assertThat(job.run("report", "--input", "x.csv").err()).contains("unknown option --input for 'report'");
		assertThat(job.dbFile()).doesNotExist();
	}

	@Test
	void helpListsTheReportCommandAndItsFlags() {
		JobRun job = new JobRun(this.workspace);
		assertThat(job.run("--help").out()).contains("report");
		JobRun.Result result = job.run("report", "--help");
		assertThat(result.exitCode()).isZero();
		for (String flag : new String[] { "--execution", "--run-id", "--output", "--db-url", "--profile" }) {
			assertThat(result.out()).contains(flag);
		}
	}

	/** The command line as given, without the workspace's output folder and database that {@link JobRun} adds. */
	private static JobRun.Result run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = CommandLineInterface.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new JobRun.Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

}
