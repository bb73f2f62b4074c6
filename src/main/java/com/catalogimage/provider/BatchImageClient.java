package com.catalogimage.provider;

import java.nio.file.Path;
import java.util.List;

/**
 * A provider's Batch API for images: the same requests as {@link ImageClient}, at half the price, answered within
 * (the provider hopes) 24 hours. One implementation per wire format. The steps, in order:
 * <ol>
 * <li>{@link #support} before anything else: whether the model can be batched at all;</li>
 * <li>{@link #writeInput} writes a JSONL file of requests, each line keyed by the caller's key;</li>
 * <li>{@link #upload} sends that file to the provider;</li>
 * <li>{@link #create} starts the batch. It is <b>not idempotent</b>: record the display name before calling it, and
 * after a crash or an unknown outcome look the batch up with {@link #findByDisplayName} before creating another;</li>
 * <li>{@link #get} polls; {@link #cancel} asks to stop;</li>
 * <li>{@link #readResults} streams each of the finished batch's {@link BatchStatus#results() result sources}, calling
 * back once per result line with its key and outcome.</li>
 * </ol>
 * Every call translates failures into {@link ProviderFailure} subtypes as the synchronous client does (a 429 is a
 * {@link RetryableFailure} whose {@link RetryableFailure#retryAfter()} carries the provider's hint), except where a
 * method says otherwise; messages never contain the API key. A failure to write one of our own files is a
 * {@link LocalWriteException}.
 */
public interface BatchImageClient {

	/** Whether the provider's Batch API takes this model, and if not, why (to say so and use synchronous calls). */
	BatchSupport support(String model);

	/**
	 * Writes the items, in order, as one JSONL input file in {@code workDirectory}, streaming reference images into it
	 * as base64. Items that can never be sent as they are (the same checks as a synchronous call: a reference image that
	 * is missing, a size the model does not have) are left out as {@link BatchInput#rejected()}; items past the
	 * provider's limits on one input file are left out as {@link BatchInput#deferred()} for the next file. All items
	 * must be for the same model. The caller deletes the file once it is uploaded.
	 */
	BatchInput writeInput(List<BatchItem> items, Path workDirectory);

	/** The provider's limits on one input file; {@link #writeInput} stays within them. */
	BatchLimits limits();

	/**
	 * Uploads an input file (streamed from disk) and returns the provider's name for it ({@code files/abc} for Gemini,
	 * {@code file-abc} for OpenAI). Nothing is billed for an upload, so a failed one can simply be repeated.
	 */
	String upload(BatchInput input, String displayName);

	/**
	 * Creates a batch of the uploaded file. Not idempotent: a {@link RetryableFailure} whose
	 * {@link ProviderFailure#outcomeUnknown()} is true may have created it, so look it up by display name before trying
	 * again. A 429 (the provider's queue for the model is full) is a {@link RetryableFailure} with
	 * {@link RetryableFailure#rateLimited()} true and the provider's wait hint, if any.
	 */
	BatchStatus create(String model, String inputFile, String displayName);

	/** The batch's current state, counts and result sources. */
	BatchStatus get(String batchId);

	/**
	 * Every batch the provider lists under this display name (paging through the whole listing), for finding a batch
	 * whose create call's answer was lost. Usually none or one.
	 */
	List<BatchStatus> findByDisplayName(String displayName);

	/**
	 * Asks the provider to stop the batch and returns its state afterwards. Cancelling a batch that has already ended
	 * is not an error: its final state is returned. Work the batch finished before it stopped can still be read.
	 */
	BatchStatus cancel(String batchId);

	/**
	 * Streams one result source line by line with one parser over the download, decoding each image straight into a
	 * temp file in {@code workDirectory}, and hands every line at index {@code fromIndex} or later to the handler, in
	 * file order (lines before it are skipped without decoding, to resume after a failure). Memory stays bounded
	 * whatever the size of the source; disk holds at most one line's image at a time, since a delivered image the
	 * handler did not move away is deleted when the handler returns.
	 * <p>
	 * A failure of the download itself is thrown as the synchronous client would throw it (a cut body is a
	 * {@link RetryableFailure}); lines already handled stay handled, so read again from the next index. A source the
	 * provider no longer has (Gemini deletes files after 48 hours) is an {@link ItemFailure} with status
	 * {@value #RESULTS_GONE}: its products need generating again. Whatever the handler throws passes through unchanged.
	 */
	void readResults(ResultSource source, long fromIndex, Path workDirectory, BatchResultHandler handler);

	/** The status of the {@link ItemFailure} thrown when a result source no longer exists. */
	String RESULTS_GONE = "results-gone";

}
