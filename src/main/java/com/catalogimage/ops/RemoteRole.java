package com.catalogimage.ops;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.catalogimage.remote.RemoteProperties;

/**
 * What the command line settles before Spring starts for the two roles of a remote run: the properties that switch
 * the role on, and the refusal of a job database the other processes cannot share.
 */
final class RemoteRole {

	private RemoteRole() {
	}

	static Map<String, String> properties(boolean worker) {
		return Map.of(RemoteProperties.ENABLED, "true", RemoteProperties.ROLE,
				worker ? RemoteProperties.WORKER : RemoteProperties.MANAGER);
	}

	/**
	 * H2 (a file, memory, or a server) is refused: a file and memory belong to one process, and the claims and the
	 * shared rate limit need PostgreSQL.
	 */
	static Optional<String> refusal(JobDatabase database, boolean worker) {
		if (!database.url().toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
			return Optional.empty();
		}
		return Optional.of((worker ? "worker" : "--workers remote") + " needs a job database every process can reach: "
				+ "PostgreSQL (--db-url jdbc:postgresql://HOST:5432/DB), not H2 (" + database.describe() + ")");
	}

}
