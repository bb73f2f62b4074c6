package com.catalogimage.job;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much run history the job database keeps (docs/OPERATIONS.md, "Run history and the database's size").
 *
 * @param keepRuns the newest runs (job instances) whose rows are always kept; older completed runs are deleted at the
 * end of each completed run; 0 keeps every run
 * @param minAge a completed run younger than this is kept whatever its rank: the requests-per-day budget counts
 * today's calls from the attempt journal, in any time zone
 */
@ConfigurationProperties("imagebatch.retention")
public record RetentionProperties(@DefaultValue("7") int keepRuns, @DefaultValue("2d") Duration minAge) {
}
