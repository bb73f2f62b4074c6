package com.catalogimage.remote;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Remote partitioning: the manager ({@code run --workers remote}) and the {@code worker} processes. Whether a process
 * takes part ({@link #ENABLED}) and the claim lease are generation's {@code RemoteRunProperties}.
 *
 * @param role {@code manager} or {@code worker} (set by the command line)
 * @param broker the JMS broker's URL, e.g. {@code tcp://HOST:61616}; {@code run --workers remote} without
 * {@code --broker} serves an embedded one here
 * @param partitions slots the manager sends; 0 for four times the workers of one process configured like the
 * manager ({@link #partitionsFor(int)})
 * @param pollInterval how often the manager looks at the job repository while it waits for the slots
 * @param startTimeout the manager gives up when no live worker has taken a slot for this long
 * @param workerStaleAfter a slot whose worker has not beaten for this long counts as dead (a worker beats every
 * {@link #BEAT})
 */
@ConfigurationProperties("imagebatch.remote")
public record RemoteProperties(@DefaultValue("manager") String role,
		@DefaultValue(DEFAULT_BROKER) String broker, @DefaultValue("0") int partitions,
		@DefaultValue("2s") Duration pollInterval, @DefaultValue("2m") Duration startTimeout,
		@DefaultValue("30s") Duration workerStaleAfter) {

	public static final String ENABLED = "imagebatch.remote.enabled";

	public static final String ROLE = "imagebatch.remote.role";

	public static final String BROKER = "imagebatch.remote.broker";

	public static final String MANAGER = "manager";

	public static final String WORKER = "worker";

	public static final String DEFAULT_HOST = "127.0.0.1";

	public static final int DEFAULT_PORT = 61616;

	public static final String DEFAULT_BROKER = "tcp://127.0.0.1:61616";

	/** How often a worker beats for each slot it runs. */
	public static final Duration BEAT = Duration.ofSeconds(5);

	public RemoteProperties {
		if (partitions < 0) {
			throw new IllegalArgumentException("partitions must be 0 (derived) or more");
		}
		if (workerStaleAfter.compareTo(BEAT.multipliedBy(2)) < 0) {
			throw new IllegalArgumentException("worker-stale-after must be at least two beats (" + BEAT.multipliedBy(2)
					.toSeconds() + " s)");
		}
	}

	/**
	 * The slots to send. Each slot occupies one worker thread until the shared feed is empty, so fewer slots than the
	 * workers' threads leave threads idle, and more cost only a step execution each that ends at once: by default
	 * room for four worker processes configured like the manager.
	 * @param workersPerProcess the partition workers one process runs ({@code GenerationProperties.workers()})
	 */
	public int partitionsFor(int workersPerProcess) {
		return this.partitions > 0 ? this.partitions : 4 * workersPerProcess;
	}

	/** Whether this process is the worker side of a remote run. */
	public boolean isWorker() {
		return WORKER.equals(this.role);
	}

}
