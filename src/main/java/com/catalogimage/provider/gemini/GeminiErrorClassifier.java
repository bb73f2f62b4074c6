package com.catalogimage.provider.gemini;

import java.net.http.HttpHeaders;
import java.util.Locale;
import java.util.regex.Pattern;

import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.ProviderFailure;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.provider.SecretRedactor;
import com.catalogimage.provider.SystemicFailure;
import com.catalogimage.provider.SystemicFailure.Ending;

/**
 * Maps a Gemini error answer to what the job does about it, following the retry classification of
 * docs/ARCHITECTURE.md ("Failure classes"). Gemini sends no Retry-After header; its wait hint is
 * {@code RetryInfo.retryDelay} in the body.
 * <p>
 * A 429 whose quota is zero (the message says {@code limit: 0}, a violation's {@code quotaValue} is 0, or a
 * {@code -FreeTier} quota of an image model: image models have no free tier) never resets by itself: it fails the run
 * with a word about billing, where a daily quota only stops it. Other 400s are request rejections: one product is
 * skipped, and the generation step fails the run when every product gets the same one.
 */
final class GeminiErrorClassifier {

	private static final Pattern ZERO_LIMIT = Pattern.compile("\\blimit: 0(?![\\d.])", Pattern.CASE_INSENSITIVE);

	private final SecretRedactor redactor;

	GeminiErrorClassifier(SecretRedactor redactor) {
		this.redactor = redactor;
	}

	ProviderFailure classify(int httpStatus, HttpHeaders headers, String body) {
		return classify(httpStatus, GoogleRpcError.parse(body));
	}

	/** Classifies an error already parsed, e.g. a batch result line's google.rpc.Status with its HTTP equivalent. */
	ProviderFailure classify(int httpStatus, GoogleRpcError error) {
		String status = (httpStatus + " " + error.status()).trim();
		String message = this.redactor.redact(status + ": " + error.message());
		if (httpStatus == 400) {
			if (error.reasons().contains("API_KEY_INVALID")) {
				return new SystemicFailure("400 API_KEY_INVALID", message, Ending.FAIL);
			}
			if ("FAILED_PRECONDITION".equals(error.status())) {
				return new SystemicFailure(status, message, Ending.FAIL);
			}
			return ItemFailure.invalidRequest(status, message);
		}
		if (httpStatus == 401 || httpStatus == 403 || httpStatus == 404) {
			return new SystemicFailure(status, message, Ending.FAIL);
		}
		if (httpStatus == 429) {
			if (zeroQuota(error)) {
				return new SystemicFailure("429 no-quota", "the API key's project has no quota for this model (limit 0"
						+ " on the free tier): image models need billing; enable it for the project in Google AI Studio"
						+ " or use a key of a project that has it. " + message, Ending.FAIL);
			}
			if (error.violations().stream().anyMatch(violation -> violation.quotaId().contains("PerDay"))) {
				return new SystemicFailure("429 daily-quota", message, Ending.STOP);
			}
			return new RetryableFailure(status, message, httpStatus, error.retryDelay());
		}
		if (httpStatus == 408 || httpStatus >= 500) {
			return new RetryableFailure(status, message, httpStatus, error.retryDelay());
		}
		return new ItemFailure(status, message);
	}

	private static boolean zeroQuota(GoogleRpcError error) {
		if (ZERO_LIMIT.matcher(error.message()).find()) {
			return true;
		}
		return error.violations().stream().anyMatch(violation -> "0".equals(violation.quotaValue())
				|| violation.quotaId().endsWith("-FreeTier") && violation.model() != null
						&& violation.model().toLowerCase(Locale.ROOT).contains("image"));
	}

}
