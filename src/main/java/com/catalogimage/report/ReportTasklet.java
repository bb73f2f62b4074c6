package com.catalogimage.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import com.catalogimage.storage.AtomicFiles;
import com.catalogimage.storage.OutputLayout;

/**
 * Last step: renders report.csv and rejected.csv for the whole job instance from the database, so after any sequence
 * of failures and restarts the report has exactly one row per product. Files are replaced atomically.
 */
public class ReportTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(ReportTasklet.class);

	private final ReportRepository reports;

	private final OutputLayout layout;

	public ReportTasklet(ReportRepository reports, OutputLayout layout) {
		this.reports = reports;
		this.layout = layout;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		long instanceId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance()
			.getInstanceId();
		render(instanceId);
		return RepeatStatus.FINISHED;
	}

	/** Writes the report files of a job instance; also used to re-render the report of a past run. */
	public void render(long instanceId) throws IOException {
		long[] rows = new long[1];
		AtomicFiles.write(this.layout.reportCsv(), file -> {
			try (ReportCsvWriter writer = new ReportCsvWriter(file)) {
				this.reports.forEachRow(instanceId, row -> {
					try {
						writer.write(row);
						rows[0]++;
					}
					catch (IOException ex) {
						throw new java.io.UncheckedIOException(ex);
					}
				});
			}
		});
		AtomicFiles.write(this.layout.rejectedCsv(), file -> {
			try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
					CSVPrinter printer = new CSVPrinter(out,
							CSVFormat.RFC4180.builder().setHeader("line", "sku", "field", "reason").get())) {
				this.reports.forEachRejection(instanceId, rejection -> {
					try {
						printer.printRecord(rejection.line(), rejection.sku(), rejection.field(), rejection.reason());
					}
					catch (IOException ex) {
						throw new java.io.UncheckedIOException(ex);
					}
				});
			}
		});
		log.info("Wrote {} ({} products) and {}", this.layout.reportCsv(), rows[0], this.layout.rejectedCsv());
	}

}
