package com.catalogimage.batchmode;

import java.time.Duration;
import java.util.List;

import com.catalogimage.image.TypicalLatency;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The latency of a synchronous call as this provider, model and size answered it lately (the last
 * {@value #SAMPLE} generated images bought by a call, any run), else the typical one for the size.
 */
final class SyncLatencies {

	static final int SAMPLE = 500;

	/** Fewer results than this say too little about the tail: the typical latency is used. */
	static final int ENOUGH = 20;

	/** p90 and p99 of a call. */
	record Percentiles(Duration p90, Duration p99, boolean measured) {
	}

	private final JdbcTemplate jdbc;

	SyncLatencies(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Percentiles of(String provider, String model, String size) {
		List<Long> latencies = this.jdbc.queryForList("""
				select api_latency_ms from generation_result
				where mode = 'sync' and status = 'GENERATED' and api_latency_ms is not null
				  and provider = ? and model = ? and image_size = ?
				order by finished_at desc
				fetch first %d rows only""".formatted(SAMPLE), Long.class, provider, model, size);
		if (latencies.size() < ENOUGH) {
			Duration typical = TypicalLatency.BY_SIZE.getOrDefault(size, Duration.ofSeconds(13));
			// a lognormal tail: the typical median's p90 and p99 are about 1.9 and 3.2 times it (sigma 0.5)
			return new Percentiles(Duration.ofMillis(Math.round(typical.toMillis() * 1.9)),
					Duration.ofMillis(Math.round(typical.toMillis() * 3.2)), false);
		}
		List<Long> sorted = latencies.stream().sorted().toList();
		return new Percentiles(Duration.ofMillis(percentile(sorted, 0.90)), Duration.ofMillis(percentile(sorted, 0.99)),
				true);
	}

	private static long percentile(List<Long> sorted, double share) {
		int index = (int) Math.ceil(share * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

}
