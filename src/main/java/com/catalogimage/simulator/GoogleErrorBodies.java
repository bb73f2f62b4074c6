package com.catalogimage.simulator;

/** Error envelopes exactly as the Gemini API sends them (google.rpc.Status JSON). */
final class GoogleErrorBodies {

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

	static String modelNotFound(String model) {
		return error(404, "NOT_FOUND", "models/" + model
				+ " is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.");
	}

	static String escape(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
