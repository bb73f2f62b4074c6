package com.catalogimage.simulator;

import java.util.List;
import java.util.Set;

/**
 * The Batch APIs' fault switches, set from {@link SimulatorProperties.Batch} at start and changeable while the
 * simulator runs (in-process tests call the setters through {@link SimulatorServer#batchFaults()};
 * {@code POST /_sim/reset} turns them off). A batch draws its own faults (stuck, expire) when it is created and its
 * lines when they are done, so a change applies to what happens after it.
 */
public final class SimulatedBatchFaults {

	private volatile double stuck;

	private volatile double expire;

	private volatile double partialFailure;

	private volatile double duplicates;

	private volatile double cancelRace;

	private volatile double quota;

	private volatile int inlineBelow;

	private volatile Set<String> unsupportedModels = Set.of();

	SimulatedBatchFaults(SimulatorProperties.Batch batch) {
		apply(batch);
	}

	/** Sets every switch as configured, as at start. */
	public void apply(SimulatorProperties.Batch batch) {
		setStuck(batch.stuck());
		setExpire(batch.expire());
		setPartialFailure(batch.partialFailure());
		setDuplicates(batch.duplicates());
		setCancelRace(batch.cancelRace());
		setQuota(batch.quota());
		setInlineBelow(batch.inlineBelow());
		setUnsupportedModels(batch.unsupportedModels());
	}

	/** Turns every batch fault off (and inline answers for file batches with them). */
	public void clear() {
		setStuck(0);
		setExpire(0);
		setPartialFailure(0);
		setDuplicates(0);
		setCancelRace(0);
		setQuota(0);
		setInlineBelow(0);
		setUnsupportedModels(List.of());
	}

	public void setStuck(double share) {
		this.stuck = checked(share);
	}

	public void setExpire(double share) {
		this.expire = checked(share);
	}

	public void setPartialFailure(double share) {
		this.partialFailure = checked(share);
	}

	public void setDuplicates(double share) {
		this.duplicates = checked(share);
	}

	public void setCancelRace(double share) {
		this.cancelRace = checked(share);
	}

	public void setQuota(double share) {
		this.quota = checked(share);
	}

	/** File-input Gemini batches with fewer requests answer inline; 0 = never. */
	public void setInlineBelow(int requests) {
		if (requests < 0) {
			throw new IllegalArgumentException("inline-below is a number of requests, not " + requests);
		}
		this.inlineBelow = requests;
	}

	/** Models not offered for batch (an empty list offers every model). */
	public void setUnsupportedModels(List<String> models) {
		this.unsupportedModels = Set.copyOf(models.stream().map(String::trim).filter(m -> !m.isEmpty()).toList());
	}

	double stuck() {
		return this.stuck;
	}

	double expire() {
		return this.expire;
	}

	double partialFailure() {
		return this.partialFailure;
	}

	double duplicates() {
		return this.duplicates;
	}

	double cancelRace() {
		return this.cancelRace;
	}

	double quota() {
		return this.quota;
	}

	int inlineBelow() {
		return this.inlineBelow;
	}

	boolean unsupported(String model) {
		return this.unsupportedModels.contains(model);
	}

	private static double checked(double share) {
		if (share < 0 || share > 1 || Double.isNaN(share)) {
			throw new IllegalArgumentException("batch fault shares are probabilities from 0 to 1, not " + share);
		}
		return share;
	}

}
