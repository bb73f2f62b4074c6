package com.catalogimage.generation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import com.catalogimage.image.Dimensions;
import com.catalogimage.image.ImageSize;
import com.catalogimage.provider.GeneratedImage;
import com.catalogimage.provider.ImageClient;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.SystemicFailure;
import com.catalogimage.provider.TokenUsage;
import com.catalogimage.storage.AttemptJournal;
import com.catalogimage.support.CannedHttpServer.Answer;
import com.catalogimage.support.CannedHttpServer;
import com.catalogimage.support.Clients;
import com.catalogimage.support.TestImages;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

/**
 * Every recorded provider answer in {@code src/test/resources/provider-answers} (sources in its INDEX.md), served from
 * loopback through the real client and {@link ProviderCaller} with the production backoff (2 s base, 60 s cap, hints
 * over 10 minutes stop the run), and the project's outcome compared with what the real API means. A retried answer is
 * served again on every attempt, as a provider in that state would. The backoff's jitter is drawn as 0, so a wait is
 * exactly the server's hint (capped) and an answer without one is retried at once.
 */
class ProviderAnswerReplayTests {

	private static final String FOLDER = "/provider-answers";

	/** The outcome of each recorded answer, in the INDEX's order, and why it is right. */
	private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

	static {
		// Gemini 200 answers: the image is the last part that is not a thought draft
		EXPECTED.put("G01-31flash-ga-jpeg-single-part", "image JPEG 64x48, tokens in 10 image 1120 text 272 thinking 0");
		EXPECTED.put("G02-3pro-jpeg-signature-thoughts", "image JPEG 64x48, tokens in 8 image 1120 text 99 thinking 167");
		EXPECTED.put("G03-3pro-thought-text-thought-image-final",
				"image JPEG 64x48, tokens in 32 image 1120 text 652 thinking 748");
		// item 9 of issue 13: the only image flagged as a thought is kept, not bought again
		EXPECTED.put("G04-3pro-only-image-flagged-thought",
				"image JPEG 64x48, tokens in 8 image 1120 text 99 thinking 167");
		EXPECTED.put("G05-no-image-live", "skipped retries-exhausted:no-image:NO_IMAGE after 3 attempts");
		EXPECTED.put("G06-prompt-block-prohibited-live", "skipped blocked:PROHIBITED_CONTENT after 1 attempt");
		EXPECTED.put("G07-image-safety-finish-message", "skipped IMAGE_SAFETY after 1 attempt");
		// text-only refusals and empty answers: retried twice, then skipped (docs/DESIGN-NOTES.md says why)
		EXPECTED.put("G08-stop-text-only-refusal", "skipped retries-exhausted:no-image:STOP after 3 attempts");
		EXPECTED.put("G09-finish-IMAGE_OTHER", "skipped retries-exhausted:no-image:IMAGE_OTHER after 3 attempts");
		EXPECTED.put("G09-finish-IMAGE_PROHIBITED_CONTENT", "skipped IMAGE_PROHIBITED_CONTENT after 1 attempt");
		EXPECTED.put("G09-finish-IMAGE_RECITATION", "skipped IMAGE_RECITATION after 1 attempt");
		EXPECTED.put("G09-finish-RECITATION", "skipped RECITATION after 1 attempt");
		EXPECTED.put("G09-finish-MAX_TOKENS", "skipped MAX_TOKENS after 1 attempt");
		EXPECTED.put("G09-finish-SAFETY", "skipped SAFETY after 1 attempt");
		EXPECTED.put("G09-finish-OTHER", "skipped retries-exhausted:no-image:OTHER after 3 attempts");
		EXPECTED.put("G09-finish-BLOCKLIST", "skipped BLOCKLIST after 1 attempt");
		EXPECTED.put("G09-finish-SPII", "skipped SPII after 1 attempt");
		EXPECTED.put("G09-finish-FINISH_REASON_UNSPECIFIED",
				"skipped retries-exhausted:no-image:FINISH_REASON_UNSPECIFIED after 3 attempts");
		EXPECTED.put("G10-no-candidates-no-feedback", "skipped retries-exhausted:no-image:STOP after 3 attempts");
		// without a per-modality breakdown the candidate tokens are image tokens
		EXPECTED.put("G11-usage-without-candidate-details",
				"image JPEG 64x48, tokens in 147 image 1220 text 0 thinking 215");
		// Gemini errors
		EXPECTED.put("E01-429-perminute-freetier-retryinfo",
				"skipped retries-exhausted:429 RESOURCE_EXHAUSTED after 5 attempts, waits 34.4 s");
		EXPECTED.put("E02-429-input-tokens-perminute-help-retryinfo",
				"skipped retries-exhausted:429 RESOURCE_EXHAUSTED after 5 attempts, waits 26 s");
		EXPECTED.put("E03-429-perday-and-perminute-retryinfo", "stopped 429 daily-quota");
		// item 7 of issue 13: a quota of 0 never resets: billing
		EXPECTED.put("E04-429-image-model-free-tier-limit-0", "failed 429 no-quota");
		EXPECTED.put("E05-429-help-only", "skipped retries-exhausted:429 RESOURCE_EXHAUSTED after 5 attempts");
		EXPECTED.put("E06-429-bare-resource-exhausted",
				"skipped retries-exhausted:429 RESOURCE_EXHAUSTED after 5 attempts");
		EXPECTED.put("E07-400-api-key-not-valid", "failed 400 API_KEY_INVALID");
		EXPECTED.put("E08-400-api-key-expired", "failed 400 API_KEY_INVALID");
		EXPECTED.put("E09-400-api-key-not-found-untyped-detail", "failed 400 API_KEY_INVALID");
		EXPECTED.put("E10-403-key-leaked", "failed 403 PERMISSION_DENIED");
		EXPECTED.put("E11-400-failed-precondition-location", "failed 400 FAILED_PRECONDITION");
		EXPECTED.put("E12-503-high-demand", "skipped retries-exhausted:503 UNAVAILABLE after 5 attempts");
		EXPECTED.put("E13-503-overloaded", "skipped retries-exhausted:503 UNAVAILABLE after 5 attempts");
		// item 8 of issue 13: one product is skipped; the same rejection for 5 products in a row fails the run
		EXPECTED.put("E14-400-invalid-argument-config", "skipped 400 INVALID_ARGUMENT after 1 attempt, a rejection");
		EXPECTED.put("E15-404-model-not-found", "failed 404 NOT_FOUND");
		EXPECTED.put("E16-500-internal", "skipped retries-exhausted:500 INTERNAL after 5 attempts");
		// OpenAI answers and errors
		EXPECTED.put("O01-gpt-image-1-api-reference", "image PNG 64x48, tokens in 50 image 50 text 0 thinking 0");
		EXPECTED.put("O02-gpt-image-15-output-details", "image PNG 64x48, tokens in 50 image 4160 text 0 thinking 0");
		// the app always asks for b64_json; an answer that carries only a URL fails the run
		EXPECTED.put("O03-dalle3-url-revised-prompt", "failed url-only");
		EXPECTED.put("O04-dalle3-b64-revised-prompt", "image PNG 64x48, no usage");
		EXPECTED.put("O05-400-moderation-blocked-output", "skipped 400 moderation_blocked after 1 attempt");
		EXPECTED.put("O06-400-content-policy-violation-dalle3", "skipped 400 content_policy_violation after 1 attempt");
		EXPECTED.put("O07-400-billing-hard-limit", "failed 400 billing_hard_limit_reached");
		EXPECTED.put("O08-429-insufficient-quota", "failed 429 insufficient_quota");
		// item 7 of issue 13: "Limit: 0/1min" is no image access, not a rate limit
		EXPECTED.put("O09-429-images-per-minute-limit-0", "failed 429 no-image-access");
		EXPECTED.put("O10-429-images-per-minute",
				"skipped retries-exhausted:429 rate_limit_exceeded after 5 attempts, waits 12 s");
		// item 6 of issue 13: a 15-hour retry-after stops the run with the time to restart
		EXPECTED.put("O11-429-cloudflare-1015-retry-after-15h", "stopped 429 long-retry-hint");
		EXPECTED.put("O12-401-invalid-api-key", "failed 401 invalid_api_key");
		EXPECTED.put("O13-403-org-not-verified-gpt-image-1", "failed 403 invalid_request_error");
		EXPECTED.put("O14-500-server-error", "skipped retries-exhausted:500 server_error after 5 attempts");
		EXPECTED.put("O15-400-invalid-size", "skipped 400 invalid_value after 1 attempt, a rejection");
	}

	private static final int MAX_ATTEMPTS = 5;

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);

	@AutoClose
	private final CannedHttpServer server = new CannedHttpServer();

	@TempDir
	Path work;

	private final CurrentRun runs = new CurrentRun();

	private final List<Duration> waits = new ArrayList<>();

	@Test
	void everyRecordedAnswerHasAnExpectedOutcome() {
		assertThat(fixtures()).hasSize(51).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void theProjectDoesWithEachRecordedAnswerWhatTheRealApiMeans(String id) throws Exception {
		// given
		Fixture fixture = Fixture.read(id);
		for (int i = 0; i < MAX_ATTEMPTS; i++) {
			this.server.enqueue(fixture.answer());
		}
		// when
		String outcome = outcome(fixture);
		// then
		assertThat(outcome).as(fixture.expect()).isEqualTo(EXPECTED.get(id));
	}

	@Test
	void theFifteenHourHintSaysWhenARestartMakesSense() throws Exception {
		this.server.enqueue(Fixture.read("O11-429-cloudflare-1015-retry-after-15h").answer());
		ProviderCaller caller = caller(Clients.openai(this.server.baseUrl(), "sk-test"));
		assertThatThrownBy(() -> caller.call(request("gpt-image-1"), this.work, who()))
			.isInstanceOfSatisfying(SystemicFailure.class, stop -> assertThat(stop.getMessage())
				.contains("wait 15 h 12 min 29 s")
				.contains("restart after 2026-12-01 01:13 (Z)")
				.contains("error code: 1015"));
		assertThat(this.waits).as("no worker sleeps through it").isEmpty();
	}

	static List<String> fixtures() {
		try (Stream<Path> files = Files.list(folder())) {
			return files.map(file -> file.getFileName().toString())
				.filter(name -> name.endsWith(".http"))
				.map(name -> name.substring(0, name.length() - ".http".length()))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String outcome(Fixture fixture) throws InterruptedException {
		boolean gemini = fixture.provider().equals("gemini");
		ImageClient client = gemini ? Clients.gemini(this.server.baseUrl(), "test-key")
				: Clients.openai(this.server.baseUrl(), "sk-test");
		ImageRequest request = request(gemini ? "gemini-3-pro-image-preview" : "gpt-image-1");
		try {
			Delivery delivery = caller(client).call(request, this.work, who());
			return describe(delivery.image());
		}
		catch (ProductSkippedException skip) {
			String text = "skipped " + skip.reason() + " after " + skip.stats().attempts() + " attempt"
					+ (skip.stats().attempts() == 1 ? "" : "s");
			if (skip.getCause() instanceof ItemFailure failure && failure.invalidRequest()) {
				text += ", a rejection";
			}
			Duration firstWait = this.waits.isEmpty() ? Duration.ZERO : this.waits.get(0);
			return firstWait.isZero() ? text : text + ", waits " + seconds(firstWait);
		}
		catch (SystemicFailure failure) {
			return (failure.ending() == SystemicFailure.Ending.STOP ? "stopped " : "failed ") + failure.status();
		}
	}

	private static String describe(GeneratedImage image) {
		Dimensions size = Dimensions.read(image.file()).orElse(Dimensions.UNKNOWN);
		TokenUsage usage = image.usage();
		return "image %s %dx%d, %s".formatted(image.format(), size.width(), size.height(), usage == null ? "no usage"
				: "tokens in %d image %d text %d thinking %d".formatted(usage.inputTokens(), usage.outputImageTokens(),
						usage.outputTextTokens(), usage.thinkingTokens()));
	}

	private static String seconds(Duration duration) {
		return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
	}

	/** The production backoff (2 s base, 60 s cap, stop beyond 10 minutes) with its jitter drawn as 0. */
	private ProviderCaller caller(ImageClient client) {
		Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(60), new Random() {
			@Override
			public double nextDouble() {
				return 0;
			}
		});
		this.runs.begin(new GenerationRun(1, new SkipLimit(0, Long.MAX_VALUE), new ProviderHealth(10, 4, 0.5),
				new RepeatedRejections(0), new RequestBudget(0, ZoneId.of("America/Los_Angeles"), CLOCK, since -> 0L),
				new SpendBudget(null, BigDecimal.ZERO)));
		return new ProviderCaller(client, new RequestRateLimiter(60_000, 0), this.runs, mock(AttemptJournal.class),
				new CostCalculator(new PricingProperties("2026-11-30", Map.of())), new ProviderCaller.Settings(
						new ProviderCaller.Retries(MAX_ATTEMPTS, backoff, Duration.ofMinutes(10), ZoneOffset.UTC),
						new CallSlots(Integer.MAX_VALUE / 2), wait -> {
							this.waits.add(wait);
							return true;
						}, CLOCK));
	}

	private static ImageRequest request(String model) {
		return new ImageRequest(model, "Studio product photo of a red mug", ImageSize.K1, "1:1");
	}

	private static AttemptJournal.Caller who() {
		return new AttemptJournal.Caller(1, 1, 1, "replay", "replay");
	}

	private static Path folder() {
		try {
			return Path.of(ProviderAnswerReplayTests.class.getResource(FOLDER).toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** One {@code .http} file: {@code # key: value} lines, {@code HTTP <status>}, headers, a blank line, the body. */
	record Fixture(String provider, String expect, int status, Map<String, String> headers, String body) {

		/** Real image bytes for the placeholders of redacted image data. */
		private static final Map<String, byte[]> IMAGES = Map.of("{{JPEG_FINAL}}", TestImages.jpeg(64, 48),
				"{{PNG_FINAL}}", TestImages.png(64, 48), "{{PNG_THOUGHT}}", TestImages.png(8, 8));

		static Fixture read(String id) throws IOException {
			List<String> lines = Files.readAllLines(folder().resolve(id + ".http"), StandardCharsets.UTF_8);
			Map<String, String> meta = new LinkedHashMap<>();
			int line = 0;
			while (lines.get(line).startsWith("#")) {
				String[] pair = lines.get(line++).substring(1).split(":", 2);
				meta.put(pair[0].trim(), pair[1].trim());
			}
			int status = Integer.parseInt(lines.get(line++).substring("HTTP ".length()).trim());
			Map<String, String> headers = new LinkedHashMap<>();
			while (!lines.get(line).isBlank()) {
				String[] header = lines.get(line++).split(":", 2);
				headers.put(header[0].trim().toLowerCase(Locale.ROOT), header[1].trim());
			}
			String body = String.join("\n", lines.subList(line + 1, lines.size()));
			for (Map.Entry<String, byte[]> image : IMAGES.entrySet()) {
				body = body.replace(image.getKey(), TestImages.base64(image.getValue()));
			}
			return new Fixture(meta.get("provider"), meta.get("expect"), status, headers, body);
		}

		Answer answer() {
			return new Answer(this.status, this.headers, this.body.getBytes(StandardCharsets.UTF_8), -1);
		}

	}

}
