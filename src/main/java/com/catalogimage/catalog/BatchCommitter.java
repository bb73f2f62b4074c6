package com.catalogimage.catalog;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;

/**
 * Commits the staging's batches on a thread of its own, one at a time and in order, while the staging thread reads,
 * validates and fingerprints the next batch: on two cores the two halves of the work then run side by side (the
 * inserts and commits were about three quarters of the staging thread's time, docs/BENCHMARKS.md, issue 16).
 * <p>
 * At most one batch is being committed while the next is filled, so memory stays at two batches. A batch that failed
 * fails the next {@link #submit} or {@link #finish}, with its own exception; {@link #close} waits for a batch still
 * being committed, so nothing writes behind the back of whoever cleans up after a failed staging.
 */
final class BatchCommitter implements AutoCloseable {

	private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
		Thread committer = new Thread(runnable, "catalog-staging-commit");
		committer.setDaemon(true);
		return committer;
	});

	private @Nullable Future<?> committing;

	/** Waits for the batch before to be committed, then starts committing this one. */
	void submit(Runnable batch) {
		finish();
		this.committing = this.thread.submit(batch);
	}

	/** Waits until every batch submitted is committed; rethrows a batch's failure. */
	void finish() {
		Future<?> previous = this.committing;
		if (previous == null) {
			return;
		}
		this.committing = null;
		try {
			previous.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Staging was interrupted while a batch was being committed", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/** Waits for a batch still being committed (its failure, if any, is the caller's to have seen), then stops. */
	@Override
	public void close() {
		try {
			finish();
		}
		catch (RuntimeException ex) {
			// the staging is failing already; the batch's own failure is not the one to report
		}
		finally {
			this.thread.shutdown();
		}
	}

}
