package com.catalogimage.generation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Workers in several processes (remote partitioning): what the run they share is built from.
 *
 * @param enabled whether the generate step's workers may run in other processes: claims with a lease instead of the
 * in-memory feed, and the gate, budgets, skip count and deferred skips in the database
 * @param lease how long a claimed product stays with its worker without a renewal; a worker renews its leases every
 * third of it, so a worker that died gives its products back to the others after at most this long
 */
@ConfigurationProperties("imagebatch.remote")
public record RemoteRunProperties(@DefaultValue("false") boolean enabled, @DefaultValue("2m") Duration lease) {

	public RemoteRunProperties {
		if (lease.compareTo(Duration.ofSeconds(3)) < 0) {
			throw new IllegalArgumentException("imagebatch.remote.lease must be at least 3s");
		}
	}

}
