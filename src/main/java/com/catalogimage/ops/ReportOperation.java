package com.catalogimage.ops;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

import com.catalogimage.report.ConsoleSummary;
import com.catalogimage.report.ReportRenderer;
import com.catalogimage.report.ReportSummary;
import com.catalogimage.report.RunFactsQuery;
import com.catalogimage.storage.OutputLayout;

/**
 * {@code report}: renders the report files of a past run again from the database, e.g. after a crash before the
 * report step, after deleting report.html, or with a newer version of the report. Chooses the run by an execution id
 * or by the newest instance started with a run id; changes nothing in the database.
 */
class ReportOperation implements Operation {

	private final RunFactsQuery runs;

	private final ReportRenderer renderer;

	private final OutputLayout layout;

	ReportOperation(RunFactsQuery runs, ReportRenderer renderer, OutputLayout layout) {
		this.runs = runs;
		this.renderer = renderer;
		this.layout = layout;
	}

	@Override
	public String command() {
		return Commands.REPORT;
	}

	@Override
	public int execute(Invocation invocation, PrintStream out, PrintStream err) throws Exception {
		Commands.Report flags = invocation.flags(Commands.Report.class);
		Long execution = flags.execution;
		String runId = flags.runId;
		Optional<Long> instance = execution != null ? this.runs.instanceOfExecution(execution)
				: this.runs.newestInstanceWithRunId(String.valueOf(runId));
		if (instance.isEmpty()) {
			err.println("error: " + (execution != null ? "no job execution " + execution
					: "no run was started with --run-id " + runId) + " in this database (status lists them)");
			return ExitCodes.USAGE;
		}
		long started = System.nanoTime();
		ReportSummary summary = this.renderer.render(instance.get());
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		out.println("Report of job instance " + instance.get() + " (status " + summary.run().lastStatus()
				+ ") rendered in " + took.toMillis() + " ms:");
		ConsoleSummary.lines(summary, summary.run().lastStatus(), summary.run().generateWall())
			.stream()
			.skip(1)
			.forEach(out::println);
		out.println("  report: " + this.layout.reportHtml() + " (also report.csv, summary.csv, rejected.csv)");
		return ExitCodes.COMPLETED;
	}

}
