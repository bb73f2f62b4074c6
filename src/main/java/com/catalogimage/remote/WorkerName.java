package com.catalogimage.remote;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/** This process as a worker: {@code pid@host} (as the JVM names itself) and a random suffix, unique per JVM. */
final class WorkerName {

	static final String OF_THIS_PROCESS = ManagementFactory.getRuntimeMXBean().getName() + ":"
			+ UUID.randomUUID().toString().substring(0, 8);

	private WorkerName() {
	}

}
