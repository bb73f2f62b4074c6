package com.catalogimage.generation;

import com.catalogimage.catalog.CatalogItem;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.skip.SkipPolicy;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What the generate step is built from, for the job to assemble (and the benchmark's baselines to reuse, so a
 * comparison measures scheduling and nothing else).
 * <p>
 * With {@code imagebatch.remote.enabled=true} (workers in other processes, remote partitioning) the same record holds
 * the parts for that: build the remote worker step with {@link #workerStep} from the remote worker step builder, as
 * the local worker step is built from a plain one, and put {@code runListener} on the manager step and
 * {@code jobListener} on the job. Then {@code feed} claims products
 * with a lease in the database (one product to one worker of one process; a dead worker's products are claimed again
 * once its lease expired), {@code workerListener} opens the worker process's run for the job execution from the
 * database when the process has none (the manager's listener never runs there) and gives back the process's claims
 * when its last worker step ends, and {@code runListener} opens the shared run (the gate row of the execution) and
 * settles the deferred skips from the database once every partition has ended. Nothing else changes for the caller.
 *
 * @param feed the shared feed every worker reads the instance's pending products from (in remote mode: the
 * claiming feed)
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

	/**
	 * The generate step's worker step, local or remote alike: the builder decides where it runs (a plain
	 * {@link StepBuilder} in this process, the remote worker step builder with its input channel in a worker process),
	 * these parts decide what it does. The caller adds what only its side needs and builds it.
	 * @param steps the builder of the worker step, named {@code CatalogImageJob.WORKER_STEP}
	 * @param transactionManager the chunk's transaction, in which the writer and the skip recorder write
	 * @param chunkSize products per chunk ({@code GenerationProperties#chunkSize})
	 * @return the worker step's builder, configured
	 */
	public ChunkOrientedStepBuilder<CatalogItem, GenerationResult> workerStep(StepBuilder steps,
			PlatformTransactionManager transactionManager, int chunkSize) {
		return steps.<CatalogItem, GenerationResult>chunk(chunkSize)
			.transactionManager(transactionManager)
			.reader(this.feed)
			.processor(this.processor)
			.writer(this.writer)
			.faultTolerant()
			.skipPolicy(this.skipPolicy)
			.skipListener(this.skipRecorder)
			.listener(this.workerListener)
			// a restart runs every slot again; harmless, the feed only hands out what is still PENDING
			.allowStartIfComplete(true);
	}

}
