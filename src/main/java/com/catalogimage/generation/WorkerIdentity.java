package com.catalogimage.generation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Who a process is when it claims products and closes the run's gate: {@code <host>:<pid>:<random>}. The random
 * suffix keeps two processes apart even when a host reuses a pid (a container restarted with the same one), so a new
 * process never mistakes a dead one's claims for its own.
 *
 * @param value what the claims and the gate record
 */
public record WorkerIdentity(String value) {

	/** This process, with a suffix of its own. */
	public static WorkerIdentity ofThisProcess() {
		byte[] suffix = new byte[4];
		new SecureRandom().nextBytes(suffix);
		return new WorkerIdentity(host() + ":" + ProcessHandle.current().pid() + ":" + HexFormat.of().formatHex(suffix));
	}

	private static String host() {
		String name = System.getenv("HOSTNAME");
		if (name != null && !name.isBlank()) {
			return name;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
