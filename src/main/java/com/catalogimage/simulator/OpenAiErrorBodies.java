package com.catalogimage.simulator;

import org.jspecify.annotations.Nullable;

/** Error envelopes as the OpenAI API sends them: {@code {"error":{"message","type","param","code"}}}. */
final class OpenAiErrorBodies {

	private OpenAiErrorBodies() {
	}

	static String error(String message, String type, @Nullable String param, @Nullable String code) {
		return "{\"error\":{\"message\":\"%s\",\"type\":\"%s\",\"param\":%s,\"code\":%s}}".formatted(
				GoogleErrorBodies.escape(message), type, quoted(param), quoted(code));
	}

	static String invalidKey(@Nullable String sent) {
		return error("Incorrect API key provided: " + mask(sent)
				+ ". You can find your API key at https://platform.openai.com/account/api-keys.",
				"invalid_request_error", null, "invalid_api_key");
	}

	static String modelNotFound(String model) {
		return error("The model `" + model + "` does not exist or you do not have access to it.",
				"invalid_request_error", null, "model_not_found");
	}

	static String forbidden() {
		return error("Your organization must be verified to use the model. Please go to: "
				+ "https://platform.openai.com/settings/organization/general and click on Verify Organization.",
				"invalid_request_error", null, null);
	}

	static String rateLimited(String model, int limit, String retryIn) {
		return error("Rate limit reached for " + model + " in organization org-simulator on images per minute (IPM): "
				+ "Limit " + limit + ", Used " + limit + ", Requested 1. Please try again in " + retryIn + ".",
				"requests", null, "rate_limit_exceeded");
	}

	static String insufficientQuota() {
		return error("You exceeded your current quota, please check your plan and billing details. For more "
				+ "information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
				"insufficient_quota", null, "insufficient_quota");
	}

	/**
	 * A prompt over the model's limit. GPT image models answer with the API's generic string-length error; dall-e
	 * models with the older wording recorded from a dall-e-2 answer (code null).
	 */
	static String promptTooLong(boolean gptImage, int limit, int length) {
		if (gptImage) {
			return error("Invalid 'prompt': string too long. Expected a string with maximum length " + limit
					+ ", but got a string with length " + length + " instead.", "invalid_request_error", "prompt",
					"string_above_max_length");
		}
		return error("Prompt must be length " + limit + " or less. Your prompt length is " + length
				+ ". Please reduce your prompt length.", "invalid_request_error", null, null);
	}

	static String serverError() {
		return error("The server had an error while processing your request. Sorry about that!", "server_error", null,
				null);
	}

	static String overloaded() {
		return error("The engine is currently overloaded. Please try again later.", "server_error", null, null);
	}

	static String moderationBlocked() {
		return """
				{"error":{"message":"Your request was rejected by the safety system. If you believe this is an error, \
				contact us at help.openai.com and include the request ID.","type":"image_generation_user_error",\
				"param":null,"code":"moderation_blocked","moderation_details":{"moderation_stage":"input",\
				"categories":["simulated"]}}}""";
	}

	/** Echoes a key the way OpenAI does: the first three and last four characters only. */
	private static String mask(@Nullable String key) {
		if (key == null || key.length() < 12) {
			return "(none)";
		}
		return key.substring(0, 3) + "*".repeat(8) + key.substring(key.length() - 4);
	}

	private static String quoted(@Nullable String value) {
		return value == null ? "null" : "\"" + GoogleErrorBodies.escape(value) + "\"";
	}

}
