package com.catalogimage.provider;

/**
 * Token counts reported by a provider for one call, split the way prices are.
 *
 * @param inputTokens prompt tokens (text and reference images)
 * @param outputImageTokens output tokens of the image modality
 * @param outputTextTokens output text tokens
 * @param thinkingTokens thinking tokens (billed at the text output rate)
 */
public record TokenUsage(long inputTokens, long outputImageTokens, long outputTextTokens, long thinkingTokens) {

	public long outputTokens() {
		return this.outputImageTokens + this.outputTextTokens + this.thinkingTokens;
	}

}
