package com.catalogimage.ops;

/** The process exit codes, documented in the README for cron and scripts. */
public final class ExitCodes {

	public static final int COMPLETED = 0;

	public static final int FAILED = 1;

	public static final int COMPLETED_WITH_SKIPS = 3;

	/** Budget, daily quota or SIGTERM: restartable as it is. */
	public static final int STOPPED = 4;

	/** Another execution of the same job instance is running (or was killed and needs {@code recover}). */
	public static final int ALREADY_RUNNING = 5;

	/** Bad flags, missing input: nothing was done. (BSD sysexits EX_USAGE.) */
	public static final int USAGE = 64;

	private ExitCodes() {
	}

}
