package com.catalogimage.report;

import java.time.Clock;

import com.catalogimage.batchmode.BatchTotalsQuery;
import com.catalogimage.generation.CostCalculator;
import com.catalogimage.generation.GenerationProperties;
import com.catalogimage.run.CatalogImageJob;
import com.catalogimage.storage.AttemptJournal;
import com.catalogimage.storage.OutputLayout;
import com.catalogimage.storage.ResultRepository;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The report's pieces: the renderer the last step and the {@code report} command share, the last step's tasklet, and
 * the progress line of the generate step.
 */
@Configuration(proxyBeanMethods = false)
class ReportConfiguration {

	@Bean
	ReportRepository reportRepository(JdbcTemplate jdbc) {
		return new ReportRepository(jdbc);
	}

	@Bean
	RunFactsQuery runFactsQuery(JobRepository jobRepository, JdbcTemplate jdbc) {
		return new RunFactsQuery(jobRepository, jdbc, CatalogImageJob.GENERATE_STEP);
	}

	/** What the report and the progress line read of the provider batches (the batch step writes them). */
	@Bean
	BatchTotalsQuery batchTotalsQuery(JdbcTemplate jdbc) {
		return new BatchTotalsQuery(jdbc);
	}

	@Bean
	ReportRenderer reportRenderer(ReportRepository reports, RunFactsQuery runs, ResultRepository results,
			AttemptJournal journal, BatchTotalsQuery batches, CostCalculator costs, ReportProperties properties,
			OutputLayout layout, Clock clock) {
		return new ReportRenderer(reports, runs, results, journal, batches, costs, properties, layout, clock);
	}

	@Bean
	ReportTasklet reportTasklet(ReportRenderer renderer) {
		return new ReportTasklet(renderer);
	}

	/** A live bar when a person watches (stdout is a terminal), plain log lines for cron and pipes. */
	@Bean
	ProgressReporter progressReporter(JdbcTemplate jdbc, ResultRepository results, BatchTotalsQuery batches,
			ReportProperties properties, GenerationProperties generation, Clock clock) {
		return new ProgressReporter(new ProgressQuery(jdbc, results, batches), properties.progressInterval(),
				generation.rpm(), System.console() != null ? System.out : null, System::nanoTime, clock);
	}

}
