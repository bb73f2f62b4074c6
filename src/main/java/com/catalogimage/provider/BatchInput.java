package com.catalogimage.provider;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A JSONL input file written by {@link BatchImageClient#writeInput}.
 *
 * @param file the file (the caller deletes it after the upload)
 * @param bytes its size
 * @param model the model of every line
 * @param keys the keys of the lines it holds, in file order
 * @param rejected the items left out because they can never be sent as they are, with the reason (the same
 * {@link ItemFailure} a synchronous call would have thrown before sending anything)
 * @param deferred the items left out because the file reached the provider's limits, in order: they belong in the next
 * file
 */
public record BatchInput(Path file, long bytes, String model, List<String> keys, Map<String, ItemFailure> rejected,
		List<BatchItem> deferred) {

	public BatchInput {
		keys = List.copyOf(keys);
		rejected = Map.copyOf(rejected);
		deferred = List.copyOf(deferred);
	}

	/** Whether no line was written (nothing to upload). */
	public boolean isEmpty() {
		return this.keys.isEmpty();
	}

}
