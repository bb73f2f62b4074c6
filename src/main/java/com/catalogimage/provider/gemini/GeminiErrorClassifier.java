package com.catalogimage.provider.gemini;

import java.net.http.HttpHeaders;

import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.ProviderFailure;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.provider.SecretRedactor;
import com.catalogimage.provider.SystemicFailure;
import com.catalogimage.provider.SystemicFailure.Ending;

/**
 * Maps a Gemini error answer to what the job does about it, following the retry classification of
 * docs/image-api-contract.md section 5. Gemini sends no Retry-After header; its wait hint is
 * {@code RetryInfo.retryDelay} in the body.
 */
final class GeminiErrorClassifier {

	private final SecretRedactor redactor;

	GeminiErrorClassifier(SecretRedactor redactor) {
		this.redactor = redactor;
	}

	ProviderFailure classify(int httpStatus, HttpHeaders headers, String body) {
		GoogleRpcError error = GoogleRpcError.parse(body);
		String status = (httpStatus + " " + error.status()).trim();
		String message = this.redactor.redact(status + ": " + error.message());
		if (httpStatus == 400) {
			if (error.reasons().contains("API_KEY_INVALID")) {
				return new SystemicFailure("400 API_KEY_INVALID", message, Ending.FAIL);
			}
			if ("FAILED_PRECONDITION".equals(error.status())) {
				return new SystemicFailure(status, message, Ending.FAIL);
			}
			return new ItemFailure(status, message);
		}
		if (httpStatus == 401 || httpStatus == 403 || httpStatus == 404) {
			return new SystemicFailure(status, message, Ending.FAIL);
		}
		if (httpStatus == 429) {
			if (error.quotaIds().stream().anyMatch(id -> id.contains("PerDay"))) {
				return new SystemicFailure("429 daily-quota", message, Ending.STOP);
			}
			return new RetryableFailure(status, message, httpStatus, error.retryDelay());
		}
		if (httpStatus == 408 || httpStatus >= 500) {
			return new RetryableFailure(status, message, httpStatus, error.retryDelay());
		}
		return new ItemFailure(status, message);
	}

}
