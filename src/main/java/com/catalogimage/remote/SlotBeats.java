package com.catalogimage.remote;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * A worker's sign of life for each slot it runs, every {@link RemoteProperties#BEAT}: the manager tells a slow slot
 * (a call of minutes, a long retry pause) from one whose process was killed by this beat, not by the step execution's
 * last update, which a killed worker leaves STARTED forever (spring-batch #4006).
 */
final class SlotBeats implements StepExecutionListener, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SlotBeats.class);

	private final PartitionLedger ledger;

	private final String worker;

	private final Set<Long> running = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "slot-beats");
		thread.setDaemon(true);
		return thread;
	});

	SlotBeats(PartitionLedger ledger, String worker) {
		this.ledger = ledger;
		this.worker = worker;
		long every = RemoteProperties.BEAT.toMillis();
		this.scheduler.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.running.add(stepExecution.getId());
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		this.running.remove(stepExecution.getId());
		synchronized (this.running) {
			this.running.notifyAll();
		}
		return stepExecution.getExitStatus();
	}

	/** How many slots this process runs now. */
	int running() {
		return this.running.size();
	}

	/** Waits until this process runs no slot, at most the given milliseconds. */
	boolean awaitIdle(long millis) throws InterruptedException {
		long deadline = System.currentTimeMillis() + millis;
		synchronized (this.running) {
			while (!this.running.isEmpty()) {
				long left = deadline - System.currentTimeMillis();
				if (left <= 0) {
					return false;
				}
				this.running.wait(Math.min(left, 500));
			}
		}
		return true;
	}

	private void beat() {
		if (this.running.isEmpty()) {
			return;
		}
		try {
			this.ledger.beat(Set.copyOf(this.running), this.worker);
		}
		catch (RuntimeException ex) {
			// the next beat tries again; only a run of missed beats makes the manager hand the slot out again
			log.debug("Slot beat failed: {}", ex.toString());
		}
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
