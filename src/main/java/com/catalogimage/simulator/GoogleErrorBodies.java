package com.catalogimage.simulator;

import java.time.Duration;

/** Error envelopes exactly as the Gemini API sends them (google.rpc.Status JSON). */
final class GoogleErrorBodies {

	static final String MINUTE_QUOTA_ID = "GenerateRequestsPerMinutePerProjectPerModel";

	static final String DAY_QUOTA_ID = "GenerateRequestsPerDayPerProjectPerModel";

	private GoogleErrorBodies() {
	}

	static String error(int code, String status, String message) {
		return "{\"error\":{\"code\":%d,\"message\":\"%s\",\"status\":\"%s\"}}".formatted(code, escape(message), status);
	}

	static String invalidKey() {
		return """
				{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT",\
				"details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID",\
				"domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}},\
				{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"en-US",\
				"message":"API key not valid. Please pass a valid API key."}]}}""";
	}

	/** @param apiVersion {@code v1} or {@code v1beta}, as in the request's path */
	static String modelNotFound(String model, String apiVersion) {
		return error(404, "NOT_FOUND", "models/" + model + " is not found for API version " + apiVersion
				+ ", or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.");
	}

	static String unauthenticated() {
		return error(401, "UNAUTHENTICATED",
				"Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.");
	}

	static String permissionDenied() {
		return error(403, "PERMISSION_DENIED", "The caller does not have permission");
	}

	static String internal() {
		return error(500, "INTERNAL",
				"An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting");
	}

	static String overloaded() {
		return error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.");
	}

	static String deadlineExceeded() {
		return error(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.");
	}

	/**
	 * A 429 on a quota: QuotaFailure with the quota id, a Help link and RetryInfo. The message is laid out as real ones
	 * are since 2026: the usage link, then one line per violation, then "Please retry in" on a line of its own.
	 */
	static String quotaExhausted(String quotaId, String metric, String model, int limit, Duration retryDelay) {
		String message = "You exceeded your current quota, please check your plan and billing details. For more "
				+ "information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. To monitor "
				+ "your current usage, head to: https://ai.dev/rate-limit. \\n* Quota exceeded for metric: " + metric
				+ ", limit: " + limit + ", model: " + model + "\\nPlease retry in " + Durations.seconds(retryDelay)
				+ "s.";
		String retryInfo = ",{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\""
				+ Durations.protobuf(retryDelay) + "\"}";
		return """
				{"error":{"code":429,"message":"%s","status":"RESOURCE_EXHAUSTED","details":[\
				{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"%s",\
				"quotaId":"%s","quotaDimensions":{"location":"global","model":"%s"},"quotaValue":"%d"}]},\
				{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Learn more about Gemini API quotas",\
				"url":"https://ai.google.dev/gemini-api/docs/rate-limits"}]}%s]}}"""
			.formatted(message, metric, quotaId, escape(model), limit, retryInfo);
	}

	static String escape(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
