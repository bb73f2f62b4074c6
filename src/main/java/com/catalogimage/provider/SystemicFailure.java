package com.catalogimage.provider;

/**
 * Nothing will succeed until someone acts (bad key, unknown model, billing, daily quota, provider down): the job ends
 * so that products not yet done stay pending for a restart, instead of being skipped one by one.
 */
public final class SystemicFailure extends ProviderFailure {

	/** How the job ends: FAILED for configuration problems, STOPPED for limits that reset by themselves. */
	public enum Ending {

		FAIL, STOP

	}

	private final Ending ending;

	public SystemicFailure(String status, String message, Ending ending) {
		super(status, message, false, null);
		this.ending = ending;
	}

	public Ending ending() {
		return this.ending;
	}

}
