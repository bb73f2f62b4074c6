package com.catalogimage.provider;

/**
 * A batch's state, the same for every provider. The provider's own word is kept in {@link BatchStatus#rawState()}.
 * <p>
 * Gemini: {@code BATCH_STATE_PENDING} (or the SDKs' {@code JOB_STATE_*} spelling, also {@code QUEUED}) is PENDING,
 * {@code RUNNING} RUNNING, {@code SUCCEEDED}, {@code FAILED}, {@code CANCELLED} and {@code EXPIRED} themselves,
 * {@code CANCELLING} CANCELLING. OpenAI: {@code validating} is PENDING, {@code in_progress} and {@code finalizing}
 * RUNNING, {@code completed} SUCCEEDED, {@code failed} FAILED, {@code cancelling}, {@code cancelled} and
 * {@code expired} themselves. An unknown or unspecified state is PENDING: not terminal, so polling goes on.
 */
public enum BatchState {

	PENDING(false), RUNNING(false), SUCCEEDED(true), FAILED(true), CANCELLING(false), CANCELLED(true), EXPIRED(true);

	private final boolean terminal;

	BatchState(boolean terminal) {
		this.terminal = terminal;
	}

	/**
	 * Whether the batch has ended and will not change any more. A terminal batch may still have results to read:
	 * a SUCCEEDED one with failed lines, a CANCELLED one that finished part of its work (OpenAI also after EXPIRED);
	 * {@link BatchStatus#results()} says where.
	 */
	public boolean terminal() {
		return this.terminal;
	}

}
