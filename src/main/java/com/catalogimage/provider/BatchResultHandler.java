package com.catalogimage.provider;

import java.io.IOException;
import java.nio.file.Files;

/**
 * Receives the lines of a batch's results one at a time, in file order. Several lines may carry the same key (a
 * provider's duplicate outputs, each billed): the handler decides what to do with each.
 */
@FunctionalInterface
public interface BatchResultHandler {

	void accept(BatchResultLine line);

	/**
	 * Hands one line to the handler; a delivered image the handler did not move away is deleted afterwards, so a whole
	 * result file never piles up on disk.
	 */
	static void handOver(BatchResultLine line, BatchResultHandler handler) {
		try {
			handler.accept(line);
		}
		finally {
			if (line.outcome() instanceof BatchOutcome.Delivered delivered) {
				try {
					Files.deleteIfExists(delivered.image().file());
				}
				catch (IOException ignored) {
					// a leftover temp file in the work directory is harmless and cleaned at the next start
				}
			}
		}
	}

}
