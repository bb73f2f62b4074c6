package com.catalogimage.provider;

/**
 * A batch's request counts as the provider reports them (zeros when it reports none yet).
 *
 * @param total requests in the batch
 * @param succeeded requests that produced an answer
 * @param failed requests that failed
 * @param pending requests not finished yet
 */
public record BatchCounts(long total, long succeeded, long failed, long pending) {

	public static final BatchCounts NONE = new BatchCounts(0, 0, 0, 0);

}
