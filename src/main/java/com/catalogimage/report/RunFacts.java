package com.catalogimage.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the job repository knows about a job instance: its executions, identity and how long it generated.
 *
 * @param executionIds the instance's executions, oldest first
 * @param lastStatus the batch status of the newest execution
 * @param generateWall the generate step's wall time, summed over the executions (restarts add up, gaps between them
 * do not count)
 * @param rpmLimit the requests per minute the newest generate step ran with, or 0 when not recorded
 * @param started when the first execution started, or null
 */
public record RunFacts(long instanceId, List<Long> executionIds, String lastStatus, @Nullable String input,
		@Nullable String provider, @Nullable String model, @Nullable String size, @Nullable String runId,
		Duration generateWall, int rpmLimit, @Nullable Instant started) {

	/** Key in the generate step's execution context under which the configured RPM is kept for later reports. */
	public static final String RPM_KEY = "imagebatch.report.rpm";

	public RunFacts withStatus(String status) {
		return new RunFacts(this.instanceId, this.executionIds, status, this.input, this.provider, this.model, this.size,
				this.runId, this.generateWall, this.rpmLimit, this.started);
	}

	/** Facts for rows that have no job repository behind them (tests, or a run whose metadata was deleted). */
	public static RunFacts unknown(long instanceId) {
		return new RunFacts(instanceId, List.of(), "UNKNOWN", null, null, null, null, null, Duration.ZERO, 0, null);
	}

}
