package com.catalogimage.generation;

import com.catalogimage.catalog.CatalogItem;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.skip.SkipPolicy;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * What the generate step is built from, for the job to assemble (and the benchmark's baselines to reuse, so a
 * comparison measures scheduling and nothing else).
 *
 * @param feed the shared feed every worker reads the instance's pending products from
 * @param processor turns a product into an image in the cache, or leaves it pending once the run's gate is closed
 * @param writer places the images and records the results, in the chunk's transaction
 * @param skipPolicy skips only products that can never succeed, within the run's skip limit
 * @param skipRecorder records a skipped product in the chunk's transaction
 * @param workerListener ends a worker as the run's gate says (STOPPED, FAILED) when its feed ran dry early
 * @param runListener on the manager step: opens the execution's run, settles the deferred skips at the end
 * @param jobListener on the job: no run is carried into a new execution; why the run ended goes into the exit
 * description
 */
public record GenerateStepParts(ItemReader<CatalogItem> feed, ItemProcessor<CatalogItem, GenerationResult> processor,
		ItemWriter<GenerationResult> writer, SkipPolicy skipPolicy,
		SkipListener<CatalogItem, GenerationResult> skipRecorder, StepExecutionListener workerListener,
		StepExecutionListener runListener, JobExecutionListener jobListener) {
}
