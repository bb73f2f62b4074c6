package com.catalogimage.provider.openai;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.util.Set;

import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.ProviderFailure;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.provider.SecretRedactor;
import com.catalogimage.provider.SystemicFailure;
import com.catalogimage.provider.SystemicFailure.Ending;

/**
 * Maps an OpenAI error answer to what the job does about it (docs/image-api-contract.md section 5): moderation blocks
 * skip the product, a bad key, a missing model and an exhausted billing quota fail the job, and rate limits, conflicts
 * and server errors are retried after the server's {@code retry-after-ms} / {@code retry-after} hint.
 */
final class OpenAiErrorClassifier {

	private static final Set<String> MODERATION = Set.of("moderation_blocked", "content_policy_violation");

	private static final Set<String> BILLING = Set.of("insufficient_quota", "billing_hard_limit_reached",
			"billing_not_active");

	private final SecretRedactor redactor;

	private final Clock clock;

	OpenAiErrorClassifier(SecretRedactor redactor, Clock clock) {
		this.redactor = redactor;
		this.clock = clock;
	}

	ProviderFailure classify(int httpStatus, HttpHeaders headers, String body) {
		OpenAiError error = OpenAiError.parse(body);
		String detail = !error.code().isEmpty() ? error.code() : error.type();
		String status = (httpStatus + " " + detail).trim();
		String message = this.redactor.redact(status + ": " + error.message());
		if (BILLING.contains(error.code())) {
			return new SystemicFailure(status, message, Ending.FAIL);
		}
		if (httpStatus == 400 && (MODERATION.contains(error.code())
				|| "image_generation_user_error".equals(error.type()) && error.code().isEmpty())) {
			return new ItemFailure(status, message);
		}
		if (httpStatus == 401 || httpStatus == 403 || httpStatus == 404) {
			return new SystemicFailure(status, message, Ending.FAIL);
		}
		if (httpStatus == 408 || httpStatus == 409 || httpStatus == 429 || httpStatus >= 500) {
			return new RetryableFailure(status, message, httpStatus, RetryAfter.of(headers, this.clock));
		}
		return new ItemFailure(status, message);
	}

}
