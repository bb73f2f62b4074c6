package com.catalogimage.remote;

/** The queue slot requests travel on, and the headers that tie a request to its run. */
final class PartitionRequests {

	/** A JMS queue: each request goes to exactly one worker thread. */
	static final String QUEUE = "catalog-image.partitions";

	/**
	 * The job execution a request belongs to, as the manager's job repository numbers it. A worker whose database
	 * has that step execution under another job execution (or not at all) uses another database than the run.
	 * Underscores, not dots: a JMS property name is a Java identifier.
	 */
	static final String JOB_EXECUTION = "catalogimage_job_execution";

	private PartitionRequests() {
	}

}
