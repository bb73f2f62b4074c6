package com.catalogimage.ops;

import com.catalogimage.catalog.CatalogEstimator;
import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.batchmode.BatchModeProperties;
import com.catalogimage.batchmode.SyncFinishEstimator;
import com.catalogimage.catalog.CatalogProperties;
import com.catalogimage.generation.CostCalculator;
import com.catalogimage.generation.CurrentRun;
import com.catalogimage.generation.GenerationProperties;
import com.catalogimage.generation.SpentOutsideResults;
import com.catalogimage.job.RunHeartbeat;
import com.catalogimage.provider.ApiKeys;
import com.catalogimage.remote.RemoteProperties;
import com.catalogimage.remote.RemoteWorker;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.report.ReportRenderer;
import com.catalogimage.report.RunFactsQuery;
import com.catalogimage.simulator.SimulatorProperties;
import com.catalogimage.storage.OutputLayout;
import com.catalogimage.storage.ResultRepository;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The operations the command line dispatches to. */
@Configuration(proxyBeanMethods = false)
class OpsConfiguration {

	/** Set by the command line for {@code run}: serve its H2 file to the other commands while it runs. */
	static final String SERVE_READERS = "imagebatch.job-database.serve-readers";

	@Bean
	ExecutionRecovery executionRecovery(JobOperator jobOperator, RunHeartbeat heartbeat,
			DataSourceProperties dataSource) {
		return new ExecutionRecovery(jobOperator, heartbeat,
				ExecutionRecovery.exclusive(new JobDatabase(dataSource.determineUrl())));
	}

	@Bean
	@ConditionalOnProperty(SERVE_READERS)
	JobDatabaseServer jobDatabaseServer(DataSourceProperties dataSource) {
		return new JobDatabaseServer(new JobDatabase(dataSource.determineUrl()).h2File().orElse(null));
	}

	@Bean
	RecoverOperation recoverOperation(JobRepository jobRepository, ExecutionRecovery recovery) {
		return new RecoverOperation(jobRepository, recovery);
	}

	@Bean
	StatusOperation statusOperation(JobRepository jobRepository, CatalogItemRepository items,
			ResultRepository results, ObjectProvider<SpentOutsideResults> spentElsewhere) {
		return new StatusOperation(jobRepository, items, results, spentElsewhere.orderedStream().toList());
	}

	@Bean
	EstimateOperation estimateOperation(CatalogEstimator estimator, CatalogProperties catalog,
			ProviderProperties provider, GenerationProperties generation, SimulatorProperties simulator,
			CostCalculator costs, BatchModeProperties batch, SyncFinishEstimator syncFinish) {
		return new EstimateOperation(estimator, catalog, provider, generation, simulator, costs, batch, syncFinish);
	}

	@Bean
	RunOperation runOperation(JobOperator jobOperator, JobRepository jobRepository, Job catalogImageJob,
			CatalogProperties catalog, ProviderProperties provider, ApiKeys apiKeys, ReportRenderer reports,
			OutputLayout layout, CurrentRun generation, ExecutionRecovery recovery, DataSourceProperties dataSource,
			BatchModeProperties batch, GenerationProperties budgets) {
		return new RunOperation(jobOperator, jobRepository, catalogImageJob, catalog, provider, apiKeys, reports,
				layout, generation, recovery, new JobDatabase(dataSource.determineUrl()), batch, budgets);
	}

	@Bean
	@ConditionalOnProperty(name = RemoteProperties.ENABLED, havingValue = "true")
	@ConditionalOnProperty(name = RemoteProperties.ROLE, havingValue = RemoteProperties.WORKER)
	WorkerOperation workerOperation(RemoteWorker worker, ProviderProperties provider, ApiKeys apiKeys) {
		return new WorkerOperation(worker, provider, apiKeys);
	}

	@Bean
	ReportOperation reportOperation(RunFactsQuery runs, ReportRenderer renderer, OutputLayout layout) {
		return new ReportOperation(runs, renderer, layout);
	}

}
