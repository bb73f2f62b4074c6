package com.catalogimage.remote;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import com.catalogimage.generation.LeavingProcess;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * The {@code worker} process: takes slot requests from the broker until it is told to stop (SIGTERM, Ctrl-C) or
 * refuses a run it is not configured for. The command line waits on {@link #serve}; its shutdown hook calls
 * {@link #leave}, which takes this process out of the run without stopping the run, waits for its slots to end and
 * then calls {@link #finish()}.
 */
public final class RemoteWorker {

	/** The workers serving in this JVM: one in production, several when a test runs workers side by side. */
	private static final List<RemoteWorker> SERVING = new CopyOnWriteArrayList<>();

	/** The process ends with this when it refused a run's slots: its configuration must change first. */
	public static final int REFUSED = 64;

	private final CountDownLatch ended = new CountDownLatch(1);

	private final AtomicReference<@Nullable String> refusal = new AtomicReference<>();

	private final String name;

	private final String broker;

	private final int slots;

	private volatile @Nullable SmartLifecycle intake;

	private volatile @Nullable SlotBeats beats;

	private final LeavingProcess leaving;

	private volatile boolean stopping;

	RemoteWorker(String name, String broker, int slots, LeavingProcess leaving) {
		this.name = name;
		this.broker = broker;
		this.slots = slots;
		this.leaving = leaving;
	}

	/** The workers serving in this JVM now. */
	public static List<RemoteWorker> serving() {
		return List.copyOf(SERVING);
	}

	/** This worker's identity, as the slot ledger and the product claims name it. */
	public String name() {
		return this.name;
	}

	void attach(SmartLifecycle intake, SlotBeats beats) {
		this.intake = intake;
		this.beats = beats;
	}

	/** Serves until {@link #finish()} or a refusal; returns the process's exit code. */
	public int serve(PrintStream out, PrintStream err) throws InterruptedException {
		out.println("Worker " + this.name + " takes slots from " + this.broker + " (queue " + PartitionRequests.QUEUE
				+ ", " + this.slots + " at once). Stop it with Ctrl-C or SIGTERM.");
		out.flush();
		SERVING.add(this);
		try {
			this.ended.await();
		}
		finally {
			SERVING.remove(this);
		}
		String refused = this.refusal.get();
		if (refused != null) {
			err.println("error: " + refused);
			return REFUSED;
		}
		return 0;
	}

	/** Takes no further slot request; the slots running go on until they end. */
	public void stopTaking() {
		this.stopping = true;
		SmartLifecycle current = this.intake;
		if (current != null && current.isRunning()) {
			current.stop();
		}
	}

	/**
	 * This process leaves the run, which goes on without it (SIGTERM to a worker): it takes no further slot, starts no
	 * new call, hands back the products it claimed but did not start, and once their calls in flight have ended its
	 * slots go back to the queue, still running, for a worker that stays (or, with none left, for the next one to
	 * come within the manager's start timeout); then {@link #serve} returns, after at most {@code awaitSlots}. The run's shared gate stays open: a stop of the run
	 * itself still closes it for every process.
	 */
	public void leave(String why, Duration awaitSlots) {
		stopTaking();
		this.leaving.leave(why);
		Thread ending = new Thread(() -> {
			try {
				awaitSlotsEnded(awaitSlots);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finish();
		}, "worker-leaving");
		ending.setDaemon(true);
		ending.start();
	}

	/** Waits at most {@code grace} for the slots this process runs to end. */
	public boolean awaitSlotsEnded(Duration grace) throws InterruptedException {
		SlotBeats current = this.beats;
		return current == null || current.awaitIdle(grace.toMillis());
	}

	/** Whether this worker takes no further request: one it receives now goes back to the queue. */
	boolean stopping() {
		return this.stopping;
	}

	/** Ends {@link #serve}. */
	public void finish() {
		this.ended.countDown();
	}

	/** This worker will not run the run's slots: it stops taking requests and its process ends with the reason. */
	void refuse(String reason) {
		if (this.refusal.compareAndSet(null, reason)) {
			Thread stopper = new Thread(() -> {
				// not on the listener's own thread: stopping the container waits for its listeners
				stopTaking();
				try {
					// slots of another run that this worker does fit end as they would have
					awaitSlotsEnded(Duration.ofDays(1));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finish();
			}, "worker-refusal");
			stopper.start();
		}
	}

}
