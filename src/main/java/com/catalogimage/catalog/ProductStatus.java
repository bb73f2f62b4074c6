package com.catalogimage.catalog;

/** Where a staged product stands; the same words appear in report.csv. */
public enum ProductStatus {

	/** Waiting for the generate step. */
	PENDING,
	/** A provider delivered its image in this job instance. */
	GENERATED,
	/** Its image was already in the cache (delivered earlier, e.g. before a crash): no call, no cost. */
	CACHED,
	/** Set aside with a reason; it will not get an image in this job instance. */
	SKIPPED,
	/** Its image from an earlier run is still valid (same fingerprint, file unchanged). */
	UP_TO_DATE

}
