package com.catalogimage.generation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;

import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.run.JobIdentity;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * Opens the {@link GenerationRun} of an execution whose workers run in several processes: the manager's, and each
 * worker process's for itself (from the database, since the manager's listener never runs there). The gate is the
 * execution's row; the spend and request budgets and the skip count are read from the database at most once per
 * {@code maxAge}; deferred skips are marked on their products. The provider's health and the run of identical
 * rejections stay per process (docs/ARCHITECTURE.md, "Where a run's state lives").
 */
final class SharedRunFactory {

	/** How stale what a process knows of the shared figures may be. */
	static final Duration MAX_AGE = Duration.ofSeconds(1);

	private final GenerationRunFactory local;

	private final GenerationProperties generation;

	private final Clock clock;

	private final CatalogItemRepository items;

	private final RunGateRepository gates;

	private final OutsideChunk outside;

	private final WorkerIdentity worker;

	private final Duration maxAge;

	SharedRunFactory(GenerationRunFactory local, GenerationProperties generation, Clock clock,
			CatalogItemRepository items, RunGateRepository gates, OutsideChunk outside, WorkerIdentity worker,
			Duration maxAge) {
		this.local = local;
		this.generation = generation;
		this.clock = clock;
		this.items = items;
		this.gates = gates;
		this.outside = outside;
		this.worker = worker;
		this.maxAge = maxAge;
	}

	/**
	 * @param parameters the execution's job parameters: its --max-cost and --rpd are the run's budgets (recorded by
	 * the process that started it), which a worker process applies instead of its own settings
	 */
	GenerationRun open(long jobInstanceId, long jobExecutionId, JobParameters parameters) {
		String recordedMaxCost = parameters.getString(JobIdentity.MAX_COST);
		BigDecimal maxCost = recordedMaxCost != null ? new BigDecimal(recordedMaxCost) : this.generation.maxCost();
		Long recordedRpd = parameters.getLong(JobIdentity.RPD);
		long rpd = recordedRpd != null ? recordedRpd : this.generation.rpd();
		this.outside.write(() -> {
			this.gates.open(jobExecutionId);
			return null;
		});
		GenerationGate gate = new GenerationGate(gate(jobExecutionId), this.clock, this.maxAge);
		long skipLimit = this.outside.read(() -> this.local.skipLimit(jobInstanceId));
		DatabaseTally skipped = new DatabaseTally(() -> BigDecimal.valueOf(
				this.outside.read(() -> this.items.countSkippedOrDeferred(jobInstanceId, jobExecutionId))), this.clock,
				this.maxAge);
		DatabaseTally spent = new DatabaseTally(() -> this.outside.read(() -> this.local.spentSoFar(jobInstanceId)),
				this.clock, this.maxAge);
		return new GenerationRun(jobInstanceId, jobExecutionId, gate, new SharedSkipLimit(skipped, skipLimit),
				this.local.health(), this.local.rejections(),
				new SharedDeferredSkips(this.items, jobExecutionId, this.outside),
				new SharedRequestBudget(rpd, this.generation.rpdZone(), this.clock,
						since -> this.outside.read(() -> this.local.callsSince(since)), this.maxAge),
				new SharedSpendBudget(maxCost, spent));
	}

	private GenerationGate.Shared gate(long jobExecutionId) {
		return new GateRow(this.gates, jobExecutionId, this.outside, this.worker, this.clock);
	}

	/** The execution's {@code run_gate} row, read and closed beside the caller's chunk transaction. */
	private record GateRow(RunGateRepository gates, long jobExecutionId, OutsideChunk outside, WorkerIdentity worker,
			Clock clock) implements GenerationGate.Shared {

		@Override
		public void close(GenerationGate.State state, String why) {
			this.outside.write(() -> {
				this.gates.close(this.jobExecutionId, state, why, this.worker.value(), this.clock.instant());
				return null;
			});
		}

		@Override
		public RunGateRepository.@Nullable Closed closed() {
			return this.outside.read(() -> this.gates.closed(this.jobExecutionId));
		}

	}

}
