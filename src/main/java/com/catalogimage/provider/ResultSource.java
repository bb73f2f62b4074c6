package com.catalogimage.provider;

/**
 * One place a batch's results can be read from, for {@link BatchImageClient#readResults}. A batch may have several
 * (OpenAI: an output file and an error file); read each, and keep the index reached per source to resume.
 *
 * @param kind what it is
 * @param name the provider's name for it: the file ({@code files/batch-abc}, {@code file-abc}), or for
 * {@link Kind#INLINE} the batch itself ({@code batches/abc})
 */
public record ResultSource(Kind kind, String name) {

	public enum Kind {

		/** A JSONL file of result lines (Gemini's {@code responsesFile}, OpenAI's {@code output_file_id}). */
		FILE,

		/** OpenAI's {@code error_file_id}: lines of requests that failed. */
		ERROR_FILE,

		/**
		 * Results inside the batch resource itself (Gemini's {@code inlinedResponses}, which come back for small
		 * batches even when the input was a file).
		 */
		INLINE

	}

}
