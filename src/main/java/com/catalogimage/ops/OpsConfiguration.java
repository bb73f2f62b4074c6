package com.catalogimage.ops;

import com.catalogimage.catalog.CatalogProperties;
import com.catalogimage.job.ApiKeys;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.report.ReportRenderer;
import com.catalogimage.report.RunFactsQuery;
import com.catalogimage.storage.OutputLayout;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The operations the command line dispatches to. */
@Configuration(proxyBeanMethods = false)
class OpsConfiguration {

	@Bean
	RunOperation runOperation(JobOperator jobOperator, JobRepository jobRepository, Job catalogImageJob,
			CatalogProperties catalog, ProviderProperties provider, ApiKeys apiKeys, ReportRenderer reports,
			OutputLayout layout) {
		return new RunOperation(jobOperator, jobRepository, catalogImageJob, catalog, provider, apiKeys, reports,
				layout);
	}

	@Bean
	ReportOperation reportOperation(RunFactsQuery runs, ReportRenderer renderer, OutputLayout layout) {
		return new ReportOperation(runs, renderer, layout);
	}

}
