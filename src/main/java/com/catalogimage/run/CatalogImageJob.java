package com.catalogimage.run;

/**
 * The names of the job and its steps, as the job repository keeps them: the job assembles itself under them, the
 * report and the benchmark find a run's steps by them, the commands find its executions.
 */
public final class CatalogImageJob {

	public static final String NAME = "catalogImageJob";

	/** Step 1: the catalog staged into the database. */
	public static final String STAGE_STEP = "stage";

	/**
	 * Between staging and generating: buys what it can through the provider's Batch API ({@code --mode batch|auto});
	 * with {@code --mode sync} it only settles batches an earlier execution left open.
	 */
	public static final String BATCH_STEP = "batch";

	/** Step 2: the partitioned step that generates the images; its workers are {@link #WORKER_STEP}. */
	public static final String GENERATE_STEP = "generate";

	/** The generate step's workers, one per slot, named {@code generateWorker:workerN}. */
	public static final String WORKER_STEP = "generateWorker";

	/** Step 3: the report rendered from the database. */
	public static final String REPORT_STEP = "report";

	private CatalogImageJob() {
	}

}
