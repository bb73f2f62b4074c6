package com.catalogimage.generation;

import java.time.Duration;
import java.time.Instant;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.catalog.ProductStatus;
import com.catalogimage.provider.TokenUsage;
import com.catalogimage.storage.AttemptJournal;
import com.catalogimage.storage.ProductOutcome;
import com.catalogimage.storage.ResultFigures.Calls;
import com.catalogimage.storage.ResultFigures.ImageFile;
import com.catalogimage.storage.ResultFigures.Origin;
import com.catalogimage.storage.ResultFigures.Price;
import com.catalogimage.storage.ResultFigures.Timing;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;

/** Builds the result rows of generated and skipped products for the worker step running on this thread. */
final class OutcomeFactory {

	private final String provider;

	private final String model;

	private final AttemptJournal journal;

	public OutcomeFactory(String provider, String model, AttemptJournal journal) {
		this.provider = provider;
		this.model = model;
		this.journal = journal;
	}

	ProductOutcome generated(GenerationResult result, String imagePath, Instant placedAt) {
		CatalogItem item = result.item();
		AttemptStats stats = result.stats();
		TokenUsage usage = result.usage();
		// an image of a batch line had no call of its own to time
		boolean called = result.status() == ProductStatus.GENERATED && Origin.SYNC.mode().equals(result.origin().mode());
		return new ProductOutcome(item.id(), item.jobInstanceId(), currentExecutionId(), result.status(), null,
				this.provider, this.model, item.size(), item.aspectRatio(), calls(item, stats),
				new Timing(called ? millis(stats.apiLatencyNanos()) : null,
						Duration.between(result.startedAt(), placedAt).toMillis(), result.startedAt(), placedAt),
				new Price(usage == null ? null : usage.inputTokens(), usage == null ? null : usage.outputTokens(),
						result.cost().usd(), result.cost().basis()),
				new ImageFile(result.image().bytes(), positive(result.dimensions().width()),
						positive(result.dimensions().height()), result.image().sha256(), imagePath),
				result.origin());
	}

	ProductOutcome skipped(CatalogItem item, ProductSkippedException skip, String reason, Instant at) {
		Calls calls = calls(item, skip.stats());
		return new ProductOutcome(item.id(), item.jobInstanceId(), currentExecutionId(), ProductStatus.SKIPPED,
				reason, this.provider, this.model, item.size(), item.aspectRatio(), calls,
				new Timing(null, null, skip.startedAt(), at),
				new Price(null, null, null, calls.attemptsOrZero() == 0 ? "none" : "unknown"), ImageFile.NONE, Origin.SYNC);
	}

	/** The product's calls over all executions of its run (from the journal), this execution's waits. */
	private Calls calls(CatalogItem item, AttemptStats stats) {
		AttemptJournal.Totals totals = this.journal.totals(item.id());
		return new Calls(totals.attempts(), totals.unknown(), totals.rateLimited(), millis(stats.rateWaitNanos()),
				millis(stats.retryWaitNanos()));
	}

	private static long currentExecutionId() {
		StepContext context = StepSynchronizationManager.getContext();
		if (context == null) {
			throw new IllegalStateException("no step execution on this thread");
		}
		StepExecution step = context.getStepExecution();
		return step.getJobExecutionId();
	}

	private static long millis(long nanos) {
		return Math.round(nanos / 1e6);
	}

	private static @Nullable Integer positive(int value) {
		return value > 0 ? value : null;
	}

}
