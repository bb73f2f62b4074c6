package com.catalogimage.simulator;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;

import com.catalogimage.image.ImageFormat;
import com.catalogimage.image.ImageSize;
import com.catalogimage.provider.GeneratedImage;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ItemFailure;
import com.catalogimage.provider.ProviderFailure;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.provider.SystemicFailure;
import com.catalogimage.provider.gemini.GeminiImageClient;
import com.catalogimage.support.Clients;
import com.catalogimage.support.RawHttp;
import com.catalogimage.support.Simulators;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The simulator's Gemini wire, through the app's own Gemini client and as raw HTTP. */
class GeminiSimulatorTests {

	private static final String FLASH = "gemini-3.1-flash-image-preview";

	@TempDir
	Path work;

	@AutoClose
	private SimulatorServer simulator;

	@Test
	void answersWithAJpegOfTheRequestedSizeAndPerSizeImageTokens() throws IOException {
		// given
		this.simulator = Simulators.start();
		// when
		GeneratedImage image = client().generate(request(FLASH, "Studio product photo of Mug", ImageSize.K2, "16:9"),
				this.work);
		// then: 3.x image models answer JPEG, as live answers do
		assertThat(image.format()).isEqualTo(ImageFormat.JPEG);
		assertThat(formatName(image.file())).isEqualTo("JPEG");
		BufferedImage decoded = ImageIO.read(image.file().toFile());
		assertThat(new int[] { decoded.getWidth(), decoded.getHeight() }).containsExactly(2752, 1536);
		assertThat(image.usage().outputImageTokens()).isEqualTo(1680);
		assertThat(this.simulator.stats().generations()).isEqualTo(1);
		assertThat(this.simulator.stats().status(200)).isEqualTo(1);
	}

	@Test
	void eachModelAnswersInItsOwnFormat() throws IOException {
		this.simulator = Simulators.start();
		String body = "{\"contents\":[{\"parts\":[{\"text\":\"a\"}]}]}";
		assertThat(RawHttp.post(url("gemini-3.1-flash-image"), body, Map.of()).body())
			.contains("\"mimeType\":\"image/jpeg\"")
			.doesNotContain("image/png");
		assertThat(RawHttp.post(url("gemini-2.5-flash-image"), body, Map.of()).body())
			.contains("\"mimeType\":\"image/png\"")
			.doesNotContain("image/jpeg");
		GeneratedImage png = client().generate(request("gemini-2.5-flash-image", "a", ImageSize.K1, "1:1"), this.work);
		assertThat(png.format()).isEqualTo(ImageFormat.PNG);
		assertThat(formatName(png.file())).isEqualTo("png");
	}

	@Test
	void proModelsSendThoughtDraftsFirstAndBillThinking() throws IOException {
		this.simulator = Simulators.start();
		GeneratedImage image = client().generate(request("gemini-3-pro-image-preview", "a lamp", ImageSize.K4, "1:1"),
				this.work);
		assertThat(ImageIO.read(image.file().toFile()).getWidth()).as("the final image, not a draft").isEqualTo(4096);
		assertThat(image.format()).isEqualTo(ImageFormat.JPEG);
		assertThat(image.usage().outputImageTokens()).isEqualTo(2000);
		assertThat(image.usage().thinkingTokens()).isEqualTo(800);
		String body = RawHttp.post(url("gemini-3-pro-image-preview"), "{\"contents\":[{\"parts\":[{\"text\":\"a\"}]}]}",
				Map.of()).body();
		assertThat(body.split("\"mimeType\":\"image/jpeg\"", -1)).as("two JPEG drafts and the final JPEG").hasSize(4);
	}

	@Test
	void renderOnceAnswersEveryProductWithTheSameImageAndPerRequestEachWithItsOwn() throws IOException {
		// given a simulator as the bench starts it
		this.simulator = Simulators.start("render", "once");
		// when two products are generated
		byte[] mug = Files.readAllBytes(generate("Studio product photo of Mug").file());
		byte[] lamp = Files.readAllBytes(generate("Studio product photo of Lamp").file());
		// then both get the same valid JPEG
		assertThat(lamp).isEqualTo(mug);
		assertThat(ImageIO.read(new ByteArrayInputStream(mug)).getWidth()).isEqualTo(1024);
		this.simulator.close();
		// and by default (run, simulate) each answer shows its own product
		this.simulator = Simulators.start();
		assertThat(Files.readAllBytes(generate("Studio product photo of Lamp").file()))
			.isNotEqualTo(Files.readAllBytes(generate("Studio product photo of Mug").file()));
	}

	@Test
	void onlyImageAskedForIsAnsweredWithTheImageAloneAndUsageItemisesOnlyTheImage() {
		// given
		this.simulator = Simulators.start();
		String imageOnly = """
				{"contents":[{"parts":[{"text":"a mug"}]}],"generationConfig":{"responseModalities":["IMAGE"]}}""";
		String textAndImage = """
				{"contents":[{"parts":[{"text":"a mug"}]}],"generationConfig":{"responseModalities":["TEXT","IMAGE"]}}""";
		// when
		String image = RawHttp.post(url(FLASH), imageOnly, Map.of()).body();
		String both = RawHttp.post(url(FLASH), textAndImage, Map.of()).body();
		// then: one image part, no text part; the candidate count exceeds the IMAGE entry as in a live 3.1 answer
		assertThat(image).doesNotContain("\"text\"").containsOnlyOnce("\"inlineData\"")
			.contains("\"candidatesTokenCount\":1392")
			.contains("\"candidatesTokensDetails\":[{\"modality\":\"IMAGE\",\"tokenCount\":1120}]");
		assertThat(both).contains("\"text\":\"Here is the product image you asked for.\"")
			.containsOnlyOnce("\"inlineData\"")
			.contains("{\"modality\":\"TEXT\",\"tokenCount\":10}");
	}

	@Test
	void theAppsOwnRequestGetsTheImageAloneWithTheUnitemisedTokensAsText() {
		this.simulator = Simulators.start();
		GeneratedImage image = generate("a mug");
		assertThat(image.usage().outputImageTokens()).isEqualTo(1120);
		assertThat(image.usage().outputTextTokens()).isEqualTo(272);
	}

	@Test
	void aPromptOverTheModelsInputTokenLimitIsTheRealApis400AndNothingIsGenerated() {
		// given: 2.5 Flash Image takes 32,768 input tokens; the simulator counts 4 tokens per 3 words
		this.simulator = Simulators.start();
		String atTheLimit = "word ".repeat(24_576);
		String overTheLimit = "word ".repeat(24_577);
		// when
		ProviderFailure failure = failure(request("gemini-2.5-flash-image", overTheLimit, ImageSize.K1, "1:1"));
		// then
		assertThat(failure).isInstanceOfSatisfying(ItemFailure.class, item -> {
			assertThat(item.status()).isEqualTo("400 INVALID_ARGUMENT");
			assertThat(item.getMessage())
				.contains("The input token count (32769) exceeds the maximum number of tokens allowed (32768).");
		});
		assertThat(this.simulator.stats().generations()).isZero();
		assertThat(client().generate(request("gemini-2.5-flash-image", atTheLimit, ImageSize.K1, "1:1"), this.work))
			.isNotNull();
		// the 3.x models take 65,536
		assertThat(failure(request(FLASH, "word ".repeat(49_153), ImageSize.K1, "1:1"))).isInstanceOf(ItemFailure.class)
			.hasMessageContaining("(65537) exceeds the maximum number of tokens allowed (65536)");
		assertThat(client().generate(request(FLASH, overTheLimit, ImageSize.K1, "1:1"), this.work)).isNotNull();
	}

	@Test
	void validatesSizeAndRatioPerModel() {
		this.simulator = Simulators.start();
		assertThat(failure(request("gemini-2.5-flash-image", "a", ImageSize.K2, "1:1"))).isInstanceOf(ItemFailure.class)
			.hasMessageContaining("Unsupported image size '2K'");
		assertThat(failure(request("gemini-3-pro-image-preview", "a", ImageSize.S512, "1:1")))
			.isInstanceOf(ItemFailure.class);
		assertThat(failure(request("gemini-3-pro-image-preview", "a", ImageSize.K1, "1:8")))
			.isInstanceOf(ItemFailure.class)
			.hasMessageContaining("aspect ratio");
		assertThat(failure(request("gemini-9-image", "a", ImageSize.K1, "1:1"))).isInstanceOf(SystemicFailure.class)
			.hasMessageContaining("is not found");
		HttpResponse<String> lowercase = RawHttp.post(url(FLASH), """
				{"contents":[{"parts":[{"text":"a"}]}],"generation_config":{"image_config":{"image_size":"1k"}}}""",
				Map.of());
		assertThat(lowercase.statusCode()).isEqualTo(400);
		assertThat(lowercase.body()).contains("INVALID_ARGUMENT");
		HttpResponse<String> v1 = RawHttp.post(this.simulator.baseUrl() + "/v1/models/gemini-9-image:generateContent",
				"{\"contents\":[{\"parts\":[{\"text\":\"a\"}]}]}", Map.of());
		assertThat(v1.body()).contains("is not found for API version v1,");
		assertThat(this.simulator.stats().generations()).isZero();
	}

	@Test
	void aRequiredKeyIsCheckedInTheHeaderOrTheQuery() {
		this.simulator = Simulators.start("api-key", "sim-key-12345");
		assertThat(failure(Clients.gemini(this.simulator.baseUrl(), "wrong-key-000"), request(FLASH, "a", ImageSize.K1,
				"1:1")))
			.isInstanceOfSatisfying(SystemicFailure.class,
					failure -> assertThat(failure.status()).isEqualTo("400 API_KEY_INVALID"));
		String body = "{\"contents\":[{\"parts\":[{\"text\":\"a\"}]}]}";
		assertThat(RawHttp.post(url(FLASH) + "?key=sim-key-12345", body, Map.of()).statusCode()).isEqualTo(200);
		assertThat(RawHttp.post(url(FLASH), body, Map.of("x-goog-api-key", "sim-key-12345")).statusCode())
			.isEqualTo(200);
	}

	@Test
	void overTheServerRpmTheAnswerIsAPerMinuteQuota429WithRetryInfoUntilASlotFrees() {
		// given
		this.simulator = Simulators.start("server-rpm", "2");
		String body = "{\"contents\":[{\"parts\":[{\"text\":\"a\"}]}]}";
		RawHttp.post(url(FLASH), body, Map.of());
		RawHttp.post(url(FLASH), body, Map.of());
		// when
		HttpResponse<String> third = RawHttp.post(url(FLASH), body, Map.of());
		// then
		assertThat(third.statusCode()).isEqualTo(429);
		assertThat(third.headers().firstValue("retry-after")).as("Gemini sends no Retry-After").isEmpty();
		assertThat(third.body()).contains("\"status\":\"RESOURCE_EXHAUSTED\"")
			.contains("type.googleapis.com/google.rpc.QuotaFailure")
			.contains("\"quotaId\":\"GenerateRequestsPerMinutePerProjectPerModel\"")
			.contains("type.googleapis.com/google.rpc.RetryInfo")
			.containsPattern("\"retryDelay\":\"5\\d\\.\\d+s\"");
		assertThat(failure(request(FLASH, "b", ImageSize.K1, "1:1"))).isInstanceOfSatisfying(RetryableFailure.class,
				failure -> {
					assertThat(failure.rateLimited()).isTrue();
					assertThat(failure.retryAfter().toMillis()).isCloseTo(60_000, within(10_000L));
				});
		assertThat(this.simulator.stats().rateLimited()).isEqualTo(2);
	}

	@Test
	void overTheDailyQuotaTheAnswerIsAPerDay429WithAShortRetryInfoAndTheJobStops() {
		// given
		this.simulator = Simulators.start("server-rpd", "1", "time-scale", "0.01");
		assertThat(generate("a")).isNotNull();
		// when
		HttpResponse<String> raw = RawHttp.post(url(FLASH), "{\"contents\":[{\"parts\":[{\"text\":\"b\"}]}]}",
				Map.of());
		// then: as real per-day 429s do, a short RetryInfo (47 s, scaled) next to the PerDay violation: the trap
		assertThat(raw.statusCode()).isEqualTo(429);
		assertThat(raw.body()).contains("\"quotaId\":\"GenerateRequestsPerDayPerProjectPerModel\"")
			.contains("{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"0.47s\"}")
			.contains("To monitor your current usage, head to: https://ai.dev/rate-limit. \\n* Quota exceeded for metric: ")
			.contains("\\nPlease retry in 0.47s.\"");
		assertThat(failure(request(FLASH, "b", ImageSize.K1, "1:1"))).isInstanceOfSatisfying(SystemicFailure.class,
				failure -> {
					assertThat(failure.ending()).isEqualTo(SystemicFailure.Ending.STOP);
					assertThat(failure.getMessage()).contains("generate_requests_per_model_per_day");
				});
	}

	@Test
	void eachFaultSwitchGivesItsOutcome() {
		this.simulator = Simulators.start("time-scale", "0.01");
		SimulatorFaults faults = this.simulator.faults();
		faults.setRate429(1);
		assertThat(failure(request(FLASH, "a", ImageSize.K1, "1:1"))).isInstanceOfSatisfying(RetryableFailure.class,
				failure -> assertThat(failure.retryAfter()).as("20 s scaled by 0.01").isEqualTo(Duration.ofMillis(200)));
		faults.setRate429(0);
		faults.setRate500(1);
		assertThat(status(failure(request(FLASH, "a", ImageSize.K1, "1:1")))).isEqualTo("500 INTERNAL");
		faults.setRate500(0);
		faults.setRate503(1);
		assertThat(failure(request(FLASH, "a", ImageSize.K1, "1:1"))).isInstanceOf(RetryableFailure.class)
			.hasMessageContaining("The model is overloaded");
		faults.setRate503(0);
		faults.setRateTruncated(1);
		assertThat(status(failure(request(FLASH, "a", ImageSize.K1, "1:1")))).isEqualTo("truncated-body");
		faults.setRateTruncated(0);
		faults.setRateMalformed(1);
		assertThat(status(failure(request(FLASH, "a", ImageSize.K1, "1:1")))).isEqualTo("malformed-response");
		faults.setRateMalformed(0);
		faults.setRateNoImage(1);
		assertThat(failure(request(FLASH, "a", ImageSize.K1, "1:1"))).isInstanceOf(RetryableFailure.class);
		faults.setRateNoImage(0);
		faults.setRateTimeout(1);
		assertThat(failure(Clients.gemini(this.simulator.baseUrl(), null, Duration.ofMillis(300)),
				request(FLASH, "a", ImageSize.K1, "1:1")))
			.isInstanceOfSatisfying(RetryableFailure.class, failure -> {
				assertThat(failure.status()).isEqualTo("timeout");
				assertThat(failure.outcomeUnknown()).isTrue();
			});
		faults.setRateTimeout(0);
		assertThat(generate("a")).isNotNull();
		assertThat(this.simulator.stats().faults()).containsEntry("429", 1L)
			.containsEntry("500", 1L)
			.containsEntry("503", 1L)
			.containsEntry("truncated", 1L)
			.containsEntry("malformed", 1L)
			.containsEntry("no-image", 1L)
			.containsEntry("timeout", 1L);
	}

	@Test
	void blockWordGivesBothShapesOfSafetyBlockAndBlankWordAUniformImage() throws IOException {
		this.simulator = Simulators.start("faults.block-word", "forbidden", "faults.blank-word", "empty");
		java.util.Set<String> statuses = new java.util.HashSet<>();
		for (String prompt : new String[] { "forbidden mug", "forbidden lamp", "forbidden chair", "forbidden desk" }) {
			ProviderFailure failure = failure(request(FLASH, prompt, ImageSize.K1, "1:1"));
			assertThat(failure).isInstanceOf(ItemFailure.class);
			statuses.add(failure.status());
		}
		assertThat(statuses).containsExactlyInAnyOrder("blocked:PROHIBITED_CONTENT", "IMAGE_SAFETY");
		GeneratedImage blank = client().generate(request(FLASH, "an empty box", ImageSize.K1, "4:3"), this.work);
		BufferedImage decoded = ImageIO.read(blank.file().toFile());
		assertThat(decoded.getWidth()).isEqualTo(1200);
		int first = decoded.getRGB(0, 0);
		for (int y = 0; y < decoded.getHeight(); y += 37) {
			for (int x = 0; x < decoded.getWidth(); x += 41) {
				assertThat(decoded.getRGB(x, y)).isEqualTo(first);
			}
		}
	}

	@Test
	void systemicAfterFailsEveryLaterRequestUntilCleared() {
		this.simulator = Simulators.start("faults.systemic-after", "2", "faults.systemic-status", "403");
		generate("a");
		generate("b");
		assertThat(failure(request(FLASH, "c", ImageSize.K1, "1:1"))).isInstanceOfSatisfying(SystemicFailure.class,
				failure -> assertThat(failure.status()).isEqualTo("403 PERMISSION_DENIED"));
		assertThat(failure(request(FLASH, "d", ImageSize.K1, "1:1"))).isInstanceOf(SystemicFailure.class);
		this.simulator.faults().clearSystemic();
		assertThat(generate("e")).isNotNull();
		this.simulator.faults().setSystemic(0, "key-invalid");
		assertThat(status(failure(request(FLASH, "f", ImageSize.K1, "1:1")))).isEqualTo("400 API_KEY_INVALID");
		assertThat(this.simulator.stats().faults("systemic")).isEqualTo(3);
	}

	@Test
	void faultDiceAreReproducibleForTheSameSeedPromptAndAttempt() {
		String[] prompts = { "p1", "p2", "p3", "p4", "p5", "p6" };
		this.simulator = Simulators.start("faults.rate-500", "0.5");
		String first = outcomes(prompts);
		this.simulator.close();
		this.simulator = Simulators.start("faults.rate-500", "0.5");
		assertThat(outcomes(prompts)).isEqualTo(first).contains("500").contains("ok");
	}

	@Test
	void statsAndResetOverHttp() {
		this.simulator = Simulators.start("faults.rate-503", "1");
		failure(request(FLASH, "a", ImageSize.K1, "1:1"));
		String stats = RawHttp.get(this.simulator.baseUrl() + "/_sim/stats").body();
		assertThat(stats).contains("\"requests\":1").contains("\"byStatus\":{\"503\":1}").contains("\"faults\":{\"503\":1}");
		HttpResponse<String> reset = RawHttp.post(this.simulator.baseUrl() + "/_sim/reset", "", Map.of());
		assertThat(reset.statusCode()).isEqualTo(200);
		assertThat(this.simulator.stats().requests()).isZero();
		assertThat(generate("a")).as("faults cleared").isNotNull();
	}

	private String outcomes(String[] prompts) {
		StringBuilder outcomes = new StringBuilder();
		GeminiImageClient client = client();
		for (int attempt = 0; attempt < 2; attempt++) {
			for (String prompt : prompts) {
				try {
					client.generate(request(FLASH, prompt, ImageSize.S512, "1:1"), this.work);
					outcomes.append("ok,");
				}
				catch (RetryableFailure failure) {
					outcomes.append(failure.httpStatus()).append(',');
				}
			}
		}
		return outcomes.toString();
	}

	private static String formatName(Path file) throws IOException {
		try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
			return ImageIO.getImageReaders(in).next().getFormatName();
		}
	}

	private GeneratedImage generate(String prompt) {
		return client().generate(request(FLASH, prompt, ImageSize.K1, "1:1"), this.work);
	}

	private ProviderFailure failure(ImageRequest request) {
		return failure(client(), request);
	}

	private ProviderFailure failure(GeminiImageClient client, ImageRequest request) {
		return Clients.failure(client, request, this.work);
	}

	private static String status(ProviderFailure failure) {
		return failure.status();
	}

	private GeminiImageClient client() {
		return Clients.gemini(this.simulator.baseUrl(), null);
	}

	private String url(String model) {
		return this.simulator.baseUrl() + "/v1beta/models/" + model + ":generateContent";
	}

	private static ImageRequest request(String model, String prompt, ImageSize size, String ratio) {
		return new ImageRequest(model, prompt, size, ratio);
	}

}
