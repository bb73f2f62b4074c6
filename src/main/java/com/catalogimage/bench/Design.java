package com.catalogimage.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The ways the generate step can schedule its work. Only {@link #SHARED_FEED} is production wiring; two are the
 * baselines docs/ARCHITECTURE.md compares it with, built from the same processor and writer so that only the
 * scheduling differs, and {@link #PLAIN_POOL} is the floor the HTTP stack leaves. Selected by {@value #PROPERTY}.
 */
public enum Design {

	/** Partition workers drawing the next pending product from one shared feed (the job as shipped). */
	SHARED_FEED("shared-feed"),

	/** One chunk step with a task executor and chunk size = concurrency: what most Spring Batch users would write. */
	CONCURRENT_CHUNK("concurrent-chunk"),

	/** 16 partitions per thread over fixed id ranges, chunk 5, as built by the prototype. */
	FIXED_RANGES("fixed-ranges"),

	/**
	 * The floor, not a job design: {@code concurrency} plain threads sending the requests through the job's image
	 * client and moving each image into place, with none of the job's work around a call ({@link PlainPoolTasklet}).
	 */
	PLAIN_POOL("plain-pool");

	/** The property that selects the generate step's design; absent means {@link #SHARED_FEED}. */
	public static final String PROPERTY = "imagebatch.bench.design";

	private final String label;

	Design(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	/**
	 * The designs a round runs, in the order given: one label, labels separated by commas (e.g.
	 * {@code shared-feed,plain-pool}, to measure the job beside its floor on the same calls), or {@code all}.
	 */
	public static List<Design> parse(String value) {
		if ("all".equals(value)) {
			return List.of(values());
		}
		return Arrays.stream(value.split(",", -1)).map(Design::byLabel).distinct().toList();
	}

	private static Design byLabel(String label) {
		return Arrays.stream(values())
			.filter(design -> design.label.equals(label))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown design '" + label + "'"));
	}

	/** The labels accepted by {@link #parse}. */
	public static List<String> choices() {
		List<String> choices = new java.util.ArrayList<>(Arrays.stream(values()).map(Design::label).toList());
		choices.add("all");
		return choices;
	}

}
