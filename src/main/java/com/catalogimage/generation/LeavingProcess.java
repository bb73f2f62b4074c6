package com.catalogimage.generation;

/**
 * A {@code worker} process leaving a run that goes on without it (SIGTERM to one worker: a machine scaled down or
 * rebooted). Only this process's gate closes ({@link GenerationGate#leave}): its workers start no new call, calls in
 * flight finish, and the products it claimed but did not start go back to the pool at once, so the other processes'
 * workers take them now rather than after the claim lease; its slots stay STARTED ({@link #LEFT}) and go back to the
 * queue for a worker that stays. The run's shared gate stays open.
 */
public final class LeavingProcess {

	/** The exit code of a slot whose process left: still STARTED, to be handed back rather than ended. */
	public static final String LEFT = "LEFT";

	private final CurrentRun runs;

	private final ClaimingItemFeed feed;

	LeavingProcess(CurrentRun runs, ClaimingItemFeed feed) {
		this.runs = runs;
		this.feed = feed;
	}

	public void leave(String why) {
		this.runs.leave(why);
		this.feed.handBack();
	}

}
