package com.catalogimage.batchmode;

import java.time.Clock;

import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.generation.BatchDeliveries;
import com.catalogimage.generation.GenerationProperties;
import com.catalogimage.generation.SpentOutsideResults;
import com.catalogimage.provider.BatchImageClient;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.run.CatalogImageJob;
import com.catalogimage.storage.ImageCache;
import com.catalogimage.storage.OutputLayout;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Batch mode's pieces and the {@code batch} step the job puts between staging and generating. */
@Configuration(proxyBeanMethods = false)
class BatchModeConfiguration {

	/** A batch's duplicate outputs are billed: the {@code --max-cost} budget counts them as spent. */
	@Bean
	SpentOutsideResults batchDuplicateOutputs(JdbcTemplate jdbc) {
		return new ProviderBatchRepository(jdbc)::duplicateCost;
	}

	@Bean
	SyncFinishEstimator syncFinishEstimator(JdbcTemplate jdbc, GenerationProperties generation,
			ProviderProperties provider, BatchModeProperties batch) {
		return new SyncFinishEstimator(new SyncLatencies(jdbc), generation, provider, batch);
	}

	/**
	 * The step runs outside a step transaction (a resourceless one): it waits for hours, and every write of it commits
	 * on its own, the intent before the create call, each result line with its resume point. A restart looks at the
	 * open batches again, so it runs even after it completed.
	 */
	@Bean
	Step batch(JobRepository jobRepository, PlatformTransactionManager transactionManager, BatchImageClient client,
			JdbcTemplate jdbc, CatalogItemRepository items, BatchDeliveries deliveries, ImageCache cache,
			OutputLayout layout,
			Clock clock, BatchModeProperties properties, ProviderProperties provider,
			SyncFinishEstimator estimator, @Qualifier("progressReporter") StepExecutionListener progress) {
		TransactionTemplate ownTransaction = new TransactionTemplate(transactionManager);
		ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		ProviderBatchRepository batches = new ProviderBatchRepository(jdbc);
		BatchSubmitter submitter = new BatchSubmitter(client, batches, items, deliveries, cache, ownTransaction,
				layout, clock, properties, provider.name(), provider.model());
		BatchHarvester harvester = new BatchHarvester(client, batches, items, deliveries, ownTransaction, layout,
				clock, provider.size());
		BatchTasklet tasklet = new BatchTasklet(client, batches, items, deliveries, submitter, harvester, estimator,
				properties, clock, provider.model());
		return new StepBuilder(CatalogImageJob.BATCH_STEP, jobRepository)
			.tasklet(tasklet, new ResourcelessTransactionManager())
			.allowStartIfComplete(true)
			// the progress line, with the batches' states and the time left to the deadline, while the step waits
			.listener(progress)
			.build();
	}

}
