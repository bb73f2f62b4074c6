package com.catalogimage.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.catalogimage.support.Database;
import com.catalogimage.support.JobRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's queries (journal groups, manifest join, run lookup by run id) on PostgreSQL, the production database. */
class ReportPostgresJobTests {

	@TempDir
	Path workspace;

	@Test
	void runAndReportCommandWorkOnPostgresql() throws IOException {
		// given
		Path catalog = this.workspace.resolve("products.csv");
		Files.writeString(catalog, "sku,name,prompt\nPG-1,Mug,Studio photo of a mug\nPG-2,Cup,Studio photo of a cup\n");
		JobRun job = new JobRun(this.workspace, Database.postgres());
		assertThat(job.run("run", "--input", catalog.toString(), "--run-id", "pg").exitCode()).isZero();
		assertThat(job.run("run", "--input", catalog.toString(), "--run-id", "pg-2").exitCode()).isZero();
		Files.delete(job.output().resolve("report.html"));
		// when
		JobRun.Result report = job.run("report", "--run-id", "pg");
		// then
		assertThat(report.exitCode()).as(report.err()).isZero();
		String summary = Files.readString(job.output().resolve("summary.csv"));
		assertThat(summary).contains("run_id,pg\r\n").contains("generated,2\r\n").contains("requests,2\r\n");
		assertThat(job.output().resolve("report.html")).exists();
		assertThat(Files.readString(job.output().resolve("report.csv"))).contains("PG-1,GENERATED");
	}

}
