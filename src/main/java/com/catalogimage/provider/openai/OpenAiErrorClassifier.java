package com.catalogimage.provider.openai;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.ProviderFailure;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.provider.SecretRedactor;
import com.catalogimage.provider.SystemicFailure;
import com.catalogimage.provider.SystemicFailure.Ending;

/**
 * Maps an OpenAI error answer to what the job does about it (docs/ARCHITECTURE.md, Failure classes): moderation blocks
 * skip the product, a bad key, a missing model and an exhausted billing quota fail the job, and rate limits, conflicts
 * and server errors are retried after the server's {@code retry-after-ms} / {@code retry-after} hint.
 * <p>
 * A rate limit of zero ({@code Limit: 0/1min}: the organisation has no image access yet) fails the job: no wait
 * cures it. {@code X-Should-Retry}, which OpenAI's official SDKs obey, overrides the decision made from the status
 * code alone: {@code true} retries, {@code false} gives the product a single attempt. Decisions read from the error
 * code or message (billing, zero limit, moderation) stand.
 */
final class OpenAiErrorClassifier {

	private static final Pattern ZERO_LIMIT = Pattern.compile("\\bLimit: 0/", Pattern.CASE_INSENSITIVE);

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
		if (httpStatus == 429 && zeroLimit(error, headers)) {
			return new SystemicFailure("429 no-image-access", "OpenAI allows this organisation no image requests"
					+ " (a rate limit of 0): image models need a paid usage tier, and gpt-image models a verified"
					+ " organisation; check billing and limits at https://platform.openai.com/settings/organization/limits. "
					+ message, Ending.FAIL);
		}
		if (httpStatus == 400 && (MODERATION.contains(error.code())
				|| "image_generation_user_error".equals(error.type()) && error.code().isEmpty())) {
			return new ItemFailure(status, message);
		}
		Optional<String> shouldRetry = headers.firstValue("x-should-retry");
		if (shouldRetry.filter("true"::equals).isPresent()) {
			return new RetryableFailure(status, message, httpStatus, RetryAfter.of(headers, this.clock));
		}
		if (httpStatus == 401 || httpStatus == 403 || httpStatus == 404) {
			return new SystemicFailure(status, message, Ending.FAIL);
		}
		if (httpStatus == 408 || httpStatus == 409 || httpStatus == 429 || httpStatus >= 500) {
			// "false": the server says another attempt will not help; the product gets this one only, and the
			// provider-health check still sees it as a product failed after all retries
			int attempts = shouldRetry.filter("false"::equals).isPresent() ? 1 : 0;
			return new RetryableFailure(status, message, httpStatus, RetryAfter.of(headers, this.clock), false, attempts,
					null);
		}
		return ItemFailure.invalidRequest(status, message);
	}

	/** {@code Limit: 0/1min} in the message, or {@code x-ratelimit-limit-requests: 0}. */
	private static boolean zeroLimit(OpenAiError error, HttpHeaders headers) {
		return ZERO_LIMIT.matcher(error.message()).find()
				|| headers.firstValue("x-ratelimit-limit-requests").map(String::trim).filter("0"::equals).isPresent();
	}

}
