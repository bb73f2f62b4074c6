package com.catalogimage.ops;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.catalogimage.generation.CurrentRun;
import com.catalogimage.generation.GenerationProperties;
import com.catalogimage.provider.InFlightExchanges;
import com.catalogimage.remote.RemoteWorker;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * SIGTERM or Ctrl-C during {@code run}: the job stops gracefully instead of dying mid-chunk. The gate closes (no new
 * call starts, workers waiting to retry wake up), calls in flight get the grace period to finish and are then
 * abandoned, every worker commits what it has and ends STOPPED, the summary is printed, and the process exits with
 * the "stopped" code. A {@code worker} leaves the run instead of stopping it (see {@link RemoteWorker#leave}): the
 * other workers go on, and it exits 0 once its slots have ended. Spring's own shutdown hook is off for {@code run}, because it would close the database under
 * the running job; the main thread closes the context once the job has ended.
 */
final class GracefulShutdown {

	/** After the grace period, how long to wait for the job to record its stop before giving up. */
	private static final Duration RECORD_STOP = Duration.ofSeconds(20);

	private final Thread hook = new Thread(this::onSignal, "graceful-shutdown");

	private final CountDownLatch finished = new CountDownLatch(1);

	private final PrintStream err;

	private volatile @Nullable ConfigurableApplicationContext context;

	private volatile int exitCode = ExitCodes.STOPPED;

	private volatile boolean done;

	GracefulShutdown(PrintStream err) {
		this.err = err;
	}

	void arm() {
		Runtime.getRuntime().addShutdownHook(this.hook);
	}

	void attach(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** The job has ended and the context is closed: a normal exit needs nothing from the hook. */
	void finish(int code) {
		this.exitCode = code;
		this.done = true;
		this.finished.countDown();
		try {
			Runtime.getRuntime().removeShutdownHook(this.hook);
		}
		catch (IllegalStateException shuttingDown) {
			// a signal arrived: the hook is running and will exit with this code
		}
	}

	private void onSignal() {
		ConfigurableApplicationContext running = this.context;
		if (this.done || running == null || !running.isActive()) {
			return;
		}
		CurrentRun generation = running.getBean(CurrentRun.class);
		InFlightExchanges exchanges = running.getBean(InFlightExchanges.class);
		Duration grace = running.getBean(GenerationProperties.class).shutdownGrace();
		RemoteWorker worker = running.getBeanProvider(RemoteWorker.class).getIfAvailable();
		if (worker != null) {
			// one worker leaving (a machine scaled down or rebooted) is not the run's stop: only this process stops
			worker.leave("this worker was told to stop (SIGTERM or Ctrl-C)", grace.plus(RECORD_STOP));
			this.err.println("Shutdown requested: this worker leaves the run, which goes on with the other workers: "
					+ "it takes no new slot or call and gives back the products it had not started; waiting up to "
					+ grace.toSeconds() + " s for its calls in flight.");
		}
		else {
			this.err.println("Shutdown requested: no new calls; waiting up to " + grace.toSeconds()
					+ " s for calls in flight, then stopping. Run the same command again to continue.");
			generation.stop("shutdown requested (SIGTERM or Ctrl-C)");
		}
		try {
			if (!this.finished.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				int abandoned = exchanges.abandonAll();
				this.err.println("Grace period over: abandoned " + abandoned + " calls in flight (they may be billed).");
				if (!this.finished.await(RECORD_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
					this.err.println("The job did not record its stop in time; run 'recover' before running again.");
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.err.flush();
		System.out.flush();
		// A JVM ending on a signal would exit with 128 + signal; cron must see "stopped" instead.
		Runtime.getRuntime().halt(this.exitCode);
	}

}
